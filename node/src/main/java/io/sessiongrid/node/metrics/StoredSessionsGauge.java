package io.sessiongrid.node.metrics;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sessiongrid.node.session.SessionMaps;
import jakarta.inject.Singleton;

/**
 * {@code sessiongrid.sessions.owned}: sessions whose primary copy lives on this member, over all apps.
 * Each member reports its own share; summing over members gives the cluster's count without a
 * cluster-wide call per scrape.
 */
@Singleton
public class StoredSessionsGauge implements MeterBinder {

    private final HazelcastInstance hazelcast;

    public StoredSessionsGauge(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("sessiongrid.sessions.owned", this, StoredSessionsGauge::ownedSessions)
                .description("Sessions whose primary replica is on this member")
                .register(registry);
    }

    double ownedSessions() {
        if (!hazelcast.getLifecycleService().isRunning()) {
            return Double.NaN;
        }
        long total = 0;
        for (DistributedObject object : hazelcast.getDistributedObjects()) {
            if (object instanceof IMap<?, ?> map && map.getName().startsWith(SessionMaps.SESSIONS_PREFIX)) {
                total += map.getLocalMapStats().getOwnedEntryCount();
            }
        }
        return total;
    }
}
