package io.sessiongrid.node.session.routing;

import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.model.SessionKey;

/**
 * Removes a session's route when the session goes by any path (delete, log-out, sweep, expiry,
 * eviction). Registered by class name as a local listener of every sessions map, so the member
 * owning the session does it once. It runs after the fact: a route lookup in between still checks
 * the session itself and answers a miss, so a route never leads to a deleted session.
 */
public class RouteCleaner implements EntryRemovedListener<SessionKey, Object>, EntryExpiredListener<SessionKey, Object>,
        EntryEvictedListener<SessionKey, Object>, HazelcastInstanceAware {

    private volatile HazelcastInstance hazelcast;

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        hazelcast = instance;
    }

    @Override
    public void entryRemoved(EntryEvent<SessionKey, Object> event) {
        clean(event);
    }

    @Override
    public void entryExpired(EntryEvent<SessionKey, Object> event) {
        clean(event);
    }

    /** An evicted session of a durable app lives on in the store (it returns on access): so does its route. */
    @Override
    public void entryEvicted(EntryEvent<SessionKey, Object> event) {
        if (!durable(event.getName())) {
            clean(event);
        }
    }

    private boolean durable(String mapName) {
        MapStoreConfig store = hazelcast.getConfig().findMapConfig(mapName).getMapStoreConfig();
        return store != null && store.isEnabled();
    }

    private void clean(EntryEvent<SessionKey, Object> event) {
        SessionKey key = event.getKey();
        // Events arrive after the fact: a session re-created since then keeps its (new) route.
        if (present(event.getName(), key)) {
            return;
        }
        removeRoute(event.getName(), key);
    }

    /** What {@link #removeRoute} did. */
    enum Cleaning { NOTHING, REMOVED, PUT_BACK }

    /**
     * Removes the route of a session that is gone, exactly as it was when read (a route changed since,
     * by a new pin, stays). The session may be created again with the same id and user between the
     * check above and the removal (a delete and a quick create): the removal then took the new
     * session's route, so that same route is put back. A by-id lookup in between still misses.
     */
    Cleaning removeRoute(String sessionsMap, SessionKey key) {
        IMap<RouteKey, Route> routes = hazelcast.getMap(SessionMaps.routesMapName(key.app()));
        RouteKey routeKey = new RouteKey(key.app(), key.sessionId());
        Route route = routes.get(routeKey);
        if (route == null || !route.userId().equals(key.userId()) || !routes.remove(routeKey, route)) {
            return Cleaning.NOTHING;
        }
        if (present(sessionsMap, key)) {
            routes.putIfAbsent(routeKey, route);
            return Cleaning.PUT_BACK;
        }
        return Cleaning.REMOVED;
    }

    /** Whether the session is in memory: a durable map's containsKey would ask the store, the entry view does not. */
    private boolean present(String sessionsMap, SessionKey key) {
        return durable(sessionsMap) ? hazelcast.getMap(sessionsMap).getEntryView(key) != null
                : hazelcast.getMap(sessionsMap).containsKey(key);
    }
}
