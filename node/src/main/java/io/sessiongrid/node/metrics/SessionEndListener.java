package io.sessiongrid.node.metrics;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import io.sessiongrid.node.session.SessionMaps;

/**
 * Counts expired and evicted sessions. Registered by class name in every sessions map's config as a
 * local listener, so each member counts only the entries it owns and the cluster counts each once;
 * Hazelcast creates it and hands it the member, whose user context holds the meters.
 */
public class SessionEndListener implements EntryExpiredListener<Object, Object>, EntryEvictedListener<Object, Object>,
        HazelcastInstanceAware {

    private volatile LifecycleMetrics metrics;

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        Object found = instance.getUserContext().get(LifecycleMetrics.CONTEXT_KEY);
        metrics = found instanceof LifecycleMetrics m ? m : null;
    }

    @Override
    public void entryExpired(EntryEvent<Object, Object> event) {
        LifecycleMetrics m = metrics;
        if (m != null) {
            m.expired(SessionMaps.appOf(event.getName()));
        }
    }

    @Override
    public void entryEvicted(EntryEvent<Object, Object> event) {
        LifecycleMetrics m = metrics;
        if (m != null) {
            m.evicted(SessionMaps.appOf(event.getName()), LifecycleMetrics.CAUSE_CAPACITY);
        }
    }
}
