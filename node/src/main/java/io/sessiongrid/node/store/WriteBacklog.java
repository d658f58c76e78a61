package io.sessiongrid.node.store;

import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.micronaut.context.annotation.Requires;
import io.sessiongrid.node.metrics.AppTags;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sessiongrid.node.concurrent.DaemonScheduler;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Write-behind changes this member holds that the store has not taken yet, sampled twice a second
 * from Hazelcast's own count of dirty entries. Above {@code max-pending-writes} writes of durable
 * apps are refused (503) until the store drains the backlog. Gauge {@code sessiongrid.store.pending}
 * per app tag and map kind ({@link PendingGauges}).
 */
@Singleton
@Requires(bean = DurableStore.class)
public class WriteBacklog {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBacklog.class);
    static final long SAMPLE_MILLIS = 500;

    private final HazelcastInstance hazelcast;
    private final StoreSettings settings;
    private final PendingGauges gauges;
    private final AtomicLong total = new AtomicLong();
    private volatile boolean wasFull;
    private final ScheduledExecutorService sampler = DaemonScheduler.named("sessiongrid-store-backlog");

    public WriteBacklog(HazelcastInstance hazelcast, StoreSettings settings, StoreMetrics metrics, AppTags apps) {
        this.hazelcast = hazelcast;
        this.settings = settings;
        this.gauges = new PendingGauges(metrics::registry, apps);
        sampler.scheduleWithFixedDelay(this::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Changes waiting for the store on this member, as last sampled. */
    public long pending() {
        return total.get();
    }

    public boolean full() {
        return settings.maxPendingWrites() > 0 && total.get() >= settings.maxPendingWrites();
    }

    void sample() {
        try {
            long sum = 0;
            Map<String, Long> perMap = new HashMap<>();
            for (DistributedObject object : hazelcast.getDistributedObjects()) {
                if (object instanceof IMap<?, ?> map && writeBehind(map.getName())) {
                    long dirty = map.getLocalMapStats().getDirtyEntryCount();
                    perMap.put(map.getName(), dirty);
                    sum += dirty;
                }
            }
            total.set(sum);
            gauges.publish(perMap);
            boolean full = full();
            if (full != wasFull) {
                wasFull = full;
                if (full) {
                    LOG.warn("{} changes wait for the session store (max-pending-writes {}): refusing writes of durable"
                            + " apps until it catches up", sum, settings.maxPendingWrites());
                } else {
                    LOG.info("Session store backlog down to {}: accepting writes again", sum);
                }
            }
        } catch (RuntimeException e) {
            // The member is stopping or not started: the last sample stands.
            LOG.debug("Backlog sample failed", e);
        }
    }

    private boolean writeBehind(String mapName) {
        MapStoreConfig store = hazelcast.getConfig().findMapConfig(mapName).getMapStoreConfig();
        return store != null && store.isEnabled() && store.getWriteDelaySeconds() > 0;
    }

    @PreDestroy
    void stop() {
        sampler.shutdownNow();
    }
}
