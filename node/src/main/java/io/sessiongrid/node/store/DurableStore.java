package io.sessiongrid.node.store;

import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.SessionGridError;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.model.SessionImage;
import io.sessiongrid.node.session.model.SessionRecord;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The durable tier as the grid's map stores see it. Hazelcast creates map stores by class name (so
 * that dynamic map configs stay plain data); they find this object in the member's user context.
 */
public final class DurableStore {

    public static final String CONTEXT_KEY = "sessiongrid.durable-store";

    private final SessionRows sessions;
    private final LayerRows layers;
    private final RouteRows routes;
    private final StoreMetrics metrics;
    private final StoreHealth health;
    private final AppPolicies policies;
    private final StoreSettings settings;
    /** Per map name, its store on this member: empty for none, else whether it is write-through. */
    private final Map<String, Optional<Boolean>> mapStores = new ConcurrentHashMap<>();
    /** Maps whose initial load finished on this member: memory holds all they store. */
    private final Set<String> loadedMaps = ConcurrentHashMap.newKeySet();
    private volatile Consumer<String> unloadedMapSeen = name -> { };
    private final DeferredAppLayers deferredAppLayers = new DeferredAppLayers(this);

    DurableStore(DataSource dataSource, StoreMetrics metrics, StoreHealth health, AppPolicies policies,
                 StoreSettings settings) {
        WriteTransaction transaction = new WriteTransaction(dataSource, settings.commitResolveTimeout(), metrics);
        this.sessions = new SessionRows(dataSource, transaction, this::expiresAt);
        this.layers = new LayerRows(dataSource, transaction);
        this.routes = new RouteRows(dataSource);
        this.metrics = metrics;
        this.health = health;
        this.policies = policies;
        this.settings = settings;
    }

    /** The member's store; fails when a map has a store configured but the member has none. */
    static DurableStore of(HazelcastInstance hazelcast) {
        Object store = hazelcast.getConfig().getUserContext().get(CONTEXT_KEY);
        if (!(store instanceof DurableStore durable)) {
            throw new IllegalStateException("A map of this cluster is durable but this member has no store configured"
                    + " (sessiongrid.store.jdbc-url): every member must configure the same store");
        }
        return durable;
    }

    /**
     * Whether the app's sessions map is write-through on this member, read from the map's actual config
     * (the cluster's dynamic config wins over this member's policy) and remembered.
     */
    public static boolean writeThrough(HazelcastInstance hazelcast, String app) {
        return writeThroughMap(hazelcast, SessionMaps.sessionsMapName(app));
    }

    /** Whether a map is write-through on this member (see {@link #writeThrough}). */
    public static boolean writeThroughMap(HazelcastInstance hazelcast, String mapName) {
        return mapStore(hazelcast, mapName).orElse(false);
    }

    /**
     * Whether a map has a store on this member, whatever another member's config says (a member's
     * static config wins over a conflicting dynamic one): an operation running here may load from it.
     */
    public static boolean storedMap(HazelcastInstance hazelcast, String mapName) {
        return mapStore(hazelcast, mapName).isPresent();
    }

    /** The map's store on this member: empty for none, else whether it is write-through. */
    private static Optional<Boolean> mapStore(HazelcastInstance hazelcast, String mapName) {
        if (hazelcast == null) {
            return Optional.empty();
        }
        Object store = hazelcast.getConfig().getUserContext().get(CONTEXT_KEY);
        if (!(store instanceof DurableStore durable)) {
            return Optional.empty();
        }
        return durable.mapStores.computeIfAbsent(mapName, name -> {
            MapStoreConfig config = hazelcast.getConfig().findMapConfig(name).getMapStoreConfig();
            return config != null && config.isEnabled() ? Optional.of(config.getWriteDelaySeconds() == 0) : Optional.empty();
        });
    }

    /**
     * Whether a fully loaded map's initial load finished here, so a key memory lacks is absent. A map
     * not loaded yet is reported (to {@link #onUnloadedMap}) so that it gets loaded.
     */
    boolean loaded(String mapName) {
        if (loadedMaps.contains(mapName)) {
            return true;
        }
        unloadedMapSeen.accept(mapName);
        return false;
    }

    void markLoaded(String mapName) {
        loadedMaps.add(mapName);
    }

    /** Who loads maps found not loaded (a map store may not call the grid itself). */
    void onUnloadedMap(Consumer<String> loader) {
        unloadedMapSeen = loader;
    }

    SessionRows sessions() {
        return sessions;
    }

    LayerRows layers() {
        return layers;
    }

    RouteRows routes() {
        return routes;
    }

    DeferredAppLayers deferredAppLayers() {
        return deferredAppLayers;
    }

    StoreMetrics metrics() {
        return metrics;
    }

    StoreHealth health() {
        return health;
    }

    StoreSettings settings() {
        return settings;
    }

    AppPolicy policy(String app) {
        return policies.find(app).orElse(policies.defaults());
    }

    boolean durable(String app) {
        return policies.find(app).map(AppPolicy::durable).orElse(false);
    }

    /** When a stored session ends: its own TTL and idle timeout, else its app's. */
    long expiresAt(String app, SessionImage image) {
        AppPolicy policy = policy(app);
        SessionRecord.Lifecycle own = image.lifecycle();
        return SessionRows.ExpiryRule.expiresAt(image,
                own.ttlSeconds() > 0 ? own.ttlSeconds() : policy.ttlSeconds(),
                own.maxIdleSeconds() > 0 ? own.maxIdleSeconds() : policy.maxIdleSeconds());
    }

    /**
     * The expiration time a loaded session gets (epoch ms): its absolute lifetime continues from its
     * create; an idle timeout restarts at the load, which Hazelcast counts as an access.
     */
    long expirationOf(String app, SessionRecord record) {
        long ttl = record.ttlSeconds() > 0 ? record.ttlSeconds() : policy(app).ttlSeconds();
        return ttl > 0 ? (long) ((record.createTime() + ttl) * 1000) : SessionRows.NEVER;
    }

    /** A store call: timed, its failure counted, recorded for /health and turned into a 503 for the caller. */
    <T> T call(StoreMetrics.Op op, String table, SqlCall<T> call) {
        try {
            T result = metrics.timed(op, table, call::call);
            health.succeeded();
            return result;
        } catch (WriteTransaction.InDoubtException e) {
            health.failed(e);
            throw new SessionGridError(SessionGridError.Kind.STORE_UNAVAILABLE,
                    "The session store did not confirm the write (" + StoreHealth.describe(e) + "): it may be stored"
                            + " or not. Retry it: a retried event id is stored once, and nothing else the node acknowledged is lost");
        } catch (Exception | AssertionError e) {
            // AssertionError: the PostgreSQL driver asserts on some cut connections (with -ea).
            health.failed(e);
            throw new SessionGridError(SessionGridError.Kind.STORE_UNAVAILABLE,
                    "The session store is unavailable: " + StoreHealth.describe(e));
        }
    }

    @FunctionalInterface
    interface SqlCall<T> {
        T call() throws SQLException;
    }
}
