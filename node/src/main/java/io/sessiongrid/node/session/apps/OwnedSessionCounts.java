package io.sessiongrid.node.session.apps;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import io.sessiongrid.node.session.SessionMaps;

import java.util.HashMap;
import java.util.concurrent.Callable;

/**
 * Run on a member: how many sessions of each app have their primary copy there (in memory). Every
 * member answers its own share, so the totals add up without counting a backup twice.
 */
public final class OwnedSessionCounts implements Callable<HashMap<String, Long>>, HazelcastInstanceAware {

    private transient HazelcastInstance hazelcast;

    @Override
    public HashMap<String, Long> call() {
        return on(hazelcast);
    }

    /** Sessions each app's map holds as primary copies on {@code member}: the listing's and the gauges' count. */
    public static HashMap<String, Long> on(HazelcastInstance member) {
        HashMap<String, Long> owned = new HashMap<>();
        for (DistributedObject object : member.getDistributedObjects()) {
            if (object instanceof IMap<?, ?> map && map.getName().startsWith(SessionMaps.SESSIONS_PREFIX)) {
                owned.merge(SessionMaps.appOf(map.getName()), map.getLocalMapStats().getOwnedEntryCount(), Long::sum);
            }
        }
        return owned;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        hazelcast = instance;
    }
}
