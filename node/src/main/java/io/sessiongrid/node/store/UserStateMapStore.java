package io.sessiongrid.node.store;

import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.model.LayerState;
import io.sessiongrid.node.session.model.UserKey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The store of one app's user-state map ({@code user:} keys): durable exactly as the app's sessions. */
public class UserStateMapStore extends BatchMapStore<UserKey, LayerState> {

    private static final String TABLE = "user_states";

    private String app;

    @Override
    public void init(HazelcastInstance hazelcast, Properties properties, String mapName) {
        super.init(hazelcast, properties, mapName);
        app = SessionMaps.appOf(mapName);
    }

    /**
     * Asks the table only until the map's initial load finished here: the map loads every stored layer
     * (and keeps them; nothing evicts or expires them), so afterwards a key memory lacks is a user
     * without state. Asking anyway would cost every read of a durable app a query, and fail it while
     * the database is away.
     */
    @Override
    public LayerState load(UserKey key) {
        if (store.loaded(mapName)) {
            return null;
        }
        return store.call(StoreMetrics.Op.LOAD, TABLE, () -> store.layers().load(LayerRows.Table.USER, List.of(key.app(), key.userId())));
    }

    @Override
    public Map<UserKey, LayerState> loadAll(Collection<UserKey> keys) {
        List<String> users = keys.stream().filter(k -> k.app().equals(app)).map(UserKey::userId).toList();
        Map<String, LayerState> layers = store.call(StoreMetrics.Op.LOAD, TABLE,
                () -> store.layers().loadAll(LayerRows.Table.USER, app, users));
        Map<UserKey, LayerState> out = new HashMap<>(layers.size() * 2);
        layers.forEach((user, layer) -> out.put(new UserKey(app, user), layer));
        return out;
    }

    /** Every stored user layer of the app: layers are small, and a user's next session reads them. */
    @Override
    public Iterable<UserKey> loadAllKeys() {
        List<UserKey> keys = new ArrayList<>();
        for (List<String> k : store.call(StoreMetrics.Op.LOAD_KEYS, TABLE, () -> store.layers().keys(LayerRows.Table.USER, app))) {
            keys.add(new UserKey(k.get(0), k.get(1)));
        }
        return keys;
    }

    @Override
    void write(Map<UserKey, LayerState> map) {
        List<LayerRows.Write> writes = new ArrayList<>(map.size());
        map.forEach((k, v) -> writes.add(new LayerRows.Write(List.of(k.app(), k.userId()), v)));
        store.call(StoreMetrics.Op.STORE, TABLE, () -> {
            store.layers().store(LayerRows.Table.USER, writes);
            return null;
        });
    }

    @Override
    void remove(List<UserKey> keys) {
        List<List<String>> rows = new ArrayList<>(keys.size());
        keys.forEach(k -> rows.add(List.of(k.app(), k.userId())));
        store.call(StoreMetrics.Op.DELETE, TABLE, () -> {
            store.layers().delete(LayerRows.Table.USER, rows);
            return null;
        });
    }
}
