package io.sessiongrid.node.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.micrometer.core.instrument.Gauge;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.SessionMaps;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Opens every durable app's maps at start, which makes Hazelcast load each map's recent keys (the
 * eager-load window) once for the cluster; a member that joins a running cluster finds them loaded.
 * The node is not ready until this is done. Apps come from the configuration and from the store:
 * after a full restart only the store knows the apps that ran on defaults.
 */
@Context
@Requires(bean = DurableStore.class)
public class InitialLoad {

    private static final Logger LOG = LoggerFactory.getLogger(InitialLoad.class);
    private static final long RETRY_MILLIS = 2000;

    private final HazelcastInstance hazelcast;
    private final SessionMaps maps;
    private final Set<String> requested = ConcurrentHashMap.newKeySet();
    private final AppPolicies policies;
    private final DurableStore store;
    private volatile boolean done;
    private volatile double seconds = Double.NaN;
    private volatile String state = "loading";
    /** A failed pass leaves Hazelcast believing the maps loaded; the next pass loads what is missing. */
    private boolean failedBefore;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sessiongrid-initial-load");
        t.setDaemon(true);
        return t;
    });

    public InitialLoad(HazelcastInstance hazelcast, SessionMaps maps, AppPolicies policies, DurableStore store) {
        this.hazelcast = hazelcast;
        this.maps = maps;
        this.policies = policies;
        this.store = store;
        store.onUnloadedMap(this::loadLater);
        Gauge.builder("sessiongrid.store.initial.load", this, l -> l.seconds).baseUnit("seconds")
                .description("How long this member's start waited for the durable apps' maps to load")
                .register(store.metrics().registry());
        loader.execute(this::run);
    }

    public boolean done() {
        return done;
    }

    public String state() {
        return state;
    }

    private void run() {
        long start = System.nanoTime();
        while (!done && !Thread.currentThread().isInterrupted()) {
            try {
                load();
                seconds = (System.nanoTime() - start) / 1e9;
                done = true;
                state = "done";
                LOG.info("Durable apps loaded in {} s", String.format("%.1f", seconds));
            } catch (RuntimeException e) {
                failedBefore = true;
                state = "retrying: " + StoreHealth.describe(e);
                LOG.warn("Initial load from the session store failed, retrying in {} ms: {}", RETRY_MILLIS, StoreHealth.describe(e));
                try {
                    TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void load() {
        Set<String> apps = new LinkedHashSet<>(policies.configuredApps().keySet());
        apps.addAll(store.call(StoreMetrics.Op.LOAD_KEYS, "sessions", () -> store.sessions().apps()));
        // Every stored app first, before any map loads: until then no name counts as absent.
        maps.register(apps.stream().filter(app -> !app.contains("*")).toList());
        int n = 0;
        for (String app : apps) {
            Optional<AppPolicy> policy = policies.find(app);
            if (policy.isEmpty() || !policy.get().durable() || app.contains("*")) {
                continue;
            }
            long t0 = System.nanoTime();
            int sessions = open(maps.sessions(app));
            open(maps.userState(app));
            store.markLoaded(SessionMaps.userStateMapName(app));
            open(maps.routes(app));
            store.markLoaded(SessionMaps.routesMapName(app));
            n++;
            LOG.info("App '{}': {} session(s) in memory after loading those used within {} ({} ms)", app, sessions,
                    policy.get().eagerLoadWindow(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
        open(maps.appState());
        store.markLoaded(SessionMaps.APP_STATE);
        LOG.info("{} durable app(s) open", n);
    }

    /**
     * Opens a map, which loads its keys the first time. After a failed pass Hazelcast counts the map as
     * loaded anyway (the failure surfaces once): load the keys it lacks, keeping what memory holds.
     */
    private int open(IMap<?, ?> map) {
        if (failedBefore) {
            map.loadAll(false);
        }
        return map.size();
    }

    /** A fully loaded map met after the start (an app first used since): load it in the background. */
    private void loadLater(String mapName) {
        if (done && requested.add(mapName)) {
            loader.execute(() -> {
                try {
                    hazelcast.getMap(mapName).size();
                    store.markLoaded(mapName);
                } catch (RuntimeException e) {
                    requested.remove(mapName);
                    LOG.debug("Loading map {} failed; the next miss retries", mapName, e);
                }
            });
        }
    }

    @PreDestroy
    void stop() {
        loader.shutdownNow();
    }
}
