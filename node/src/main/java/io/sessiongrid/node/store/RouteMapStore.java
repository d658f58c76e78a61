package io.sessiongrid.node.store;

import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.routing.Route;
import io.sessiongrid.node.session.routing.RouteKey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The store of one app's routing map: each route is its session row's {@code worker_id}. */
public class RouteMapStore extends BatchMapStore<RouteKey, Route> {

    private static final String TABLE = "sessions.worker_id";

    private String app;

    @Override
    public void init(HazelcastInstance hazelcast, Properties properties, String mapName) {
        super.init(hazelcast, properties, mapName);
        app = mapName.substring(SessionMaps.ROUTES_PREFIX.length());
    }

    /**
     * Asks the table only until the map's initial load finished here: the map loads every stored route
     * and routes are not evicted, so afterwards a key memory lacks is an unrouted session (see
     * {@link UserStateMapStore#load}).
     */
    @Override
    public Route load(RouteKey key) {
        if (store.loaded(mapName)) {
            return null;
        }
        return store.call(StoreMetrics.Op.LOAD, TABLE, () -> store.routes().load(key));
    }

    @Override
    public Map<RouteKey, Route> loadAll(Collection<RouteKey> keys) {
        List<String> ids = keys.stream().filter(k -> k.app().equals(app)).map(RouteKey::sessionId).toList();
        return new HashMap<>(store.call(StoreMetrics.Op.LOAD, TABLE, () -> store.routes().loadAll(app, ids)));
    }

    /** All of the app's routes: small, and worker counts and re-routes need every one in memory. */
    @Override
    public Iterable<RouteKey> loadAllKeys() {
        return store.call(StoreMetrics.Op.LOAD_KEYS, TABLE, () -> store.routes().keys(app));
    }

    @Override
    void write(Map<RouteKey, Route> map) {
        List<Map.Entry<RouteKey, Route>> routes = new ArrayList<>(map.entrySet());
        store.call(StoreMetrics.Op.STORE, TABLE, () -> {
            store.routes().store(routes);
            return null;
        });
    }

    @Override
    void remove(List<RouteKey> keys) {
        store.call(StoreMetrics.Op.DELETE, TABLE, () -> {
            store.routes().delete(keys);
            return null;
        });
    }
}
