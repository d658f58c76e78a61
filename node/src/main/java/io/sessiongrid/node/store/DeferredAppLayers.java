package io.sessiongrid.node.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.model.LayerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sessiongrid.node.concurrent.DaemonScheduler;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@code app:} layers of WRITE_BEHIND apps while another app makes the one app-state map
 * write-through. Such a layer must not inherit the other app's durability (a synchronous transaction
 * per change, and a 503 for an event already stored while PostgreSQL is away): the map's store only
 * marks it here, and this member writes the layer's current value behind, every second, retrying
 * until the store takes it. Like Hazelcast's write-behind, a member crash can lose what is marked.
 */
final class DeferredAppLayers {

    private static final Logger LOG = LoggerFactory.getLogger(DeferredAppLayers.class);
    private static final long PERIOD_MILLIS = 1000;

    private final DurableStore store;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = DaemonScheduler.named("sessiongrid-app-layers");
    private volatile HazelcastInstance hazelcast;
    private volatile boolean started;
    /** Written by the timer thread only: log a run of failures once, and its end. */
    private boolean failing;

    DeferredAppLayers(DurableStore store) {
        this.store = store;
    }

    /** Marks an app's layer to be written behind (called by the map store, on the partition's thread). */
    void defer(HazelcastInstance member, String app) {
        hazelcast = member;
        pending.add(app);
        if (!started) {
            synchronized (this) {
                if (!started) {
                    timer.scheduleWithFixedDelay(this::flush, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
                    // A graceful stop stores what is marked, as Hazelcast flushes its write-behind queues.
                    member.getLifecycleService().addLifecycleListener(event -> {
                        if (event.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                            close();
                        }
                    });
                    started = true;
                }
            }
        }
    }

    /** Writes every marked layer's current value; a layer the store refuses stays marked. */
    synchronized void flush() {
        HazelcastInstance member = hazelcast;
        if (member == null || !member.getLifecycleService().isRunning()) {
            return;
        }
        for (String app : List.copyOf(pending)) {
            pending.remove(app);
            try {
                LayerState layer = member.<String, LayerState>getMap(SessionMaps.APP_STATE).get(app);
                if (layer != null) {
                    store.call(StoreMetrics.Op.STORE, AppStateMapStore.TABLE, () -> {
                        store.layers().store(LayerRows.Table.APP, List.of(new LayerRows.Write(List.of(app), layer)));
                        return null;
                    });
                }
            } catch (RuntimeException e) {
                pending.add(app);
                if (!failing) {
                    LOG.warn("App layers of write-behind apps wait for the store ({} pending), retrying every second: {}",
                            pending.size(), e.getMessage());
                }
                failing = true;
                return;
            }
        }
        if (failing) {
            LOG.info("App layers of write-behind apps stored again");
            failing = false;
        }
    }

    void close() {
        flush();
        timer.shutdownNow();
    }
}
