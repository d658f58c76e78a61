package io.sessiongrid.node.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.routing.RemoveRouteProcessor;
import io.sessiongrid.node.session.routing.Route;
import io.sessiongrid.node.session.routing.RouteKey;
import io.micronaut.context.annotation.Requires;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.DurableTier;
import io.sessiongrid.node.session.SessionGridError;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.List;

/** The engine's view of the durable tier when a store is configured. */
@Singleton
@Requires(bean = DurableStore.class)
public class StoreTier implements DurableTier {

    private final DurableStore store;
    private final WriteBacklog backlog;

    private final HazelcastInstance hazelcast;

    public StoreTier(DurableStore store, WriteBacklog backlog, HazelcastInstance hazelcast) {
        this.store = store;
        this.backlog = backlog;
        this.hazelcast = hazelcast;
    }

    @Override
    public void admitWrite(String app, AppPolicy policy) {
        if (policy.durable() && backlog.full()) {
            throw new SessionGridError(SessionGridError.Kind.STORE_BACKLOG, "This node holds " + backlog.pending()
                    + " changes the session store has not taken yet (sessiongrid.store.max-pending-writes is "
                    + store.settings().maxPendingWrites() + "); nothing was changed, retry later");
        }
    }

    @Override
    public void deleteUserRows(String app, String userId, double createdBefore, AppPolicy policy) {
        if (policy.durable()) {
            List<String> ids = store.call(StoreMetrics.Op.DELETE, SessionMapStore.TABLE,
                    () -> store.sessions().deleteUser(app, userId, createdBefore));
            IMap<RouteKey, Route> routes = hazelcast.getMap(SessionMaps.routesMapName(app));
            ids.forEach(id -> routes.submitToKey(new RouteKey(app, id), new RemoveRouteProcessor(userId, null)));
        }
    }

    @Override
    public List<SessionKey> storedKeysOfUser(String app, String userId, AppPolicy policy) {
        if (!policy.durable()) {
            return List.of();
        }
        return store.call(StoreMetrics.Op.LOAD_KEYS, SessionMapStore.TABLE, () -> store.sessions().keysOfUser(app, userId));
    }

    @Override
    public List<SessionKey> storedKeysWithId(String app, String sessionId, AppPolicy policy) {
        if (!policy.durable()) {
            return List.of();
        }
        return store.call(StoreMetrics.Op.LOAD_KEYS, SessionMapStore.TABLE, () -> store.sessions().keysWithId(app, sessionId));
    }

    @Override
    public long sweepIdleRows(String app, double cutoff, AppPolicy policy) {
        if (!policy.durable()) {
            return 0;
        }
        List<SessionKey> idle = store.call(StoreMetrics.Op.SWEEP, SessionMapStore.TABLE,
                () -> store.sessions().keysIdleSince(app, cutoff));
        IMap<SessionKey, SessionRecord> sessions = hazelcast.getMap(SessionMaps.sessionsMapName(app));
        // Memory's own sessions were the caller's to sweep; the entry view reads memory without loading.
        List<SessionKey> storeOnly = idle.stream().filter(k -> sessions.getEntryView(k) == null).toList();
        if (storeOnly.isEmpty()) {
            return 0;
        }
        int deleted = store.call(StoreMetrics.Op.DELETE, SessionMapStore.TABLE,
                () -> store.sessions().deleteIdle(storeOnly, cutoff));
        IMap<RouteKey, Route> routes = hazelcast.getMap(SessionMaps.routesMapName(app));
        storeOnly.forEach(k -> routes.submitToKey(new RouteKey(app, k.sessionId()), new RemoveRouteProcessor(k.userId(), null)));
        return deleted;
    }

    /** One query for the user's stored keys; Hazelcast loads only those memory lacks. */
    @Override
    public void loadUser(IMap<SessionKey, SessionRecord> sessions, String app, String userId, AppPolicy policy) {
        List<SessionKey> keys = storedKeysOfUser(app, userId, policy);
        if (!keys.isEmpty()) {
            sessions.loadAll(new HashSet<>(keys), false);
        }
    }
}
