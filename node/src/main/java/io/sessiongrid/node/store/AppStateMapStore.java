package io.sessiongrid.node.store;

import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.node.policy.Durability;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.model.LayerState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The store of the app-state map ({@code app:} keys of every app, keyed by app). One map serves all
 * apps, so it stores only the layers of durable apps; when the map is write-through for one app, the
 * layers of WRITE_BEHIND apps go to {@link DeferredAppLayers} instead of into the caller's write.
 */
public class AppStateMapStore extends BatchMapStore<String, LayerState> {

    static final String TABLE = "app_states";

    private HazelcastInstance hazelcast;

    @Override
    public void init(HazelcastInstance hazelcast, Properties properties, String mapName) {
        super.init(hazelcast, properties, mapName);
        this.hazelcast = hazelcast;
    }

    /** Asks the table only until the map's initial load finished here (see {@link UserStateMapStore#load}). */
    @Override
    public LayerState load(String app) {
        if (!store.durable(app) || store.loaded(SessionMaps.APP_STATE)) {
            return null;
        }
        return store.call(StoreMetrics.Op.LOAD, TABLE, () -> store.layers().load(LayerRows.Table.APP, List.of(app)));
    }

    @Override
    public Map<String, LayerState> loadAll(Collection<String> apps) {
        List<String> durable = apps.stream().filter(store::durable).toList();
        if (durable.isEmpty()) {
            return new HashMap<>();
        }
        return new HashMap<>(store.call(StoreMetrics.Op.LOAD, TABLE,
                () -> store.layers().loadAll(LayerRows.Table.APP, null, durable)));
    }

    @Override
    public Iterable<String> loadAllKeys() {
        List<String> apps = new ArrayList<>();
        for (List<String> k : store.call(StoreMetrics.Op.LOAD_KEYS, TABLE, () -> store.layers().keys(LayerRows.Table.APP, null))) {
            apps.add(k.get(0));
        }
        return apps;
    }

    @Override
    void write(Map<String, LayerState> map) {
        List<LayerRows.Write> writes = new ArrayList<>(map.size());
        // Write-through because some app is: the others' layers are written behind, as their policy says.
        boolean throughForSome = DurableStore.writeThroughMap(hazelcast, mapName);
        map.forEach((app, layer) -> {
            if (!store.durable(app)) {
                return;
            }
            if (throughForSome && store.policy(app).durability() != Durability.WRITE_THROUGH) {
                store.deferredAppLayers().defer(hazelcast, app);
            } else {
                writes.add(new LayerRows.Write(List.of(app), layer));
            }
        });
        if (writes.isEmpty()) {
            return;
        }
        store.call(StoreMetrics.Op.STORE, TABLE, () -> {
            store.layers().store(LayerRows.Table.APP, writes);
            return null;
        });
    }

    @Override
    void remove(List<String> apps) {
        List<List<String>> rows = new ArrayList<>();
        apps.forEach(a -> rows.add(List.of(a)));
        store.call(StoreMetrics.Op.DELETE, TABLE, () -> {
            store.layers().delete(LayerRows.Table.APP, rows);
            return null;
        });
    }
}
