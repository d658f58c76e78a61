package io.sessiongrid.node.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryStore;
import com.hazelcast.map.MapLoaderLifecycleSupport;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The store of one app's sessions map. Hazelcast calls it with the live record (OBJECT format): the
 * record hands over a consistent image of what the table lacks, and learns after the commit what the
 * table now holds. A staged WRITE_THROUGH append is applied only after its commit, and dropped if the
 * store fails, so the caller's 503 leaves memory unchanged. A failed write also makes the record forget
 * what the table holds: after a COMMIT in doubt the table may hold the refused append, and the next
 * flush must find and replace it rather than trust its old knowledge.
 */
public class SessionMapStore implements EntryStore<SessionKey, SessionRecord>, MapLoaderLifecycleSupport {

    static final String TABLE = "sessions";

    private DurableStore store;
    private String app;

    @Override
    public void init(HazelcastInstance hazelcast, Properties properties, String mapName) {
        store = DurableStore.of(hazelcast);
        app = SessionMaps.appOf(mapName);
    }

    @Override
    public void destroy() {
        // The data source belongs to the node, not to one map.
    }

    @Override
    public MetadataAwareValue<SessionRecord> load(SessionKey key) {
        SessionRecord record = store.call(StoreMetrics.Op.LOAD, TABLE, () -> store.sessions().load(key));
        if (record == null) {
            return null;
        }
        store.metrics().loaded(app, 1);
        return new MetadataAwareValue<>(record, store.expirationOf(app, record));
    }

    @Override
    public Map<SessionKey, MetadataAwareValue<SessionRecord>> loadAll(Collection<SessionKey> keys) {
        List<SessionKey> ofApp = keys.stream().filter(k -> k.app().equals(app)).toList();
        Map<SessionKey, SessionRecord> records = store.call(StoreMetrics.Op.LOAD, TABLE, () -> store.sessions().loadAll(app, ofApp));
        Map<SessionKey, MetadataAwareValue<SessionRecord>> out = new HashMap<>(records.size() * 2);
        records.forEach((key, record) -> out.put(key, new MetadataAwareValue<>(record, store.expirationOf(app, record))));
        store.metrics().loaded(app, out.size());
        return out;
    }

    /** Sessions used within the app's eager-load window; Hazelcast loads them when the map starts. */
    @Override
    public Iterable<SessionKey> loadAllKeys() {
        long window = store.policy(app).eagerLoadWindow().getSeconds();
        if (window <= 0) {
            return List.of();
        }
        double since = System.currentTimeMillis() / 1000.0 - window;
        return store.call(StoreMetrics.Op.LOAD_KEYS, TABLE, () -> store.sessions().keysUsedSince(app, since));
    }

    @Override
    public void store(SessionKey key, MetadataAwareValue<SessionRecord> value) {
        write(Map.of(key, value));
    }

    @Override
    public void storeAll(Map<SessionKey, MetadataAwareValue<SessionRecord>> map) {
        write(map);
        // Hazelcast retries what is left in the map after a partial failure: nothing is.
        map.clear();
    }

    private void write(Map<SessionKey, MetadataAwareValue<SessionRecord>> map) {
        List<SessionRows.Write> writes = new ArrayList<>(map.size());
        map.forEach((key, value) -> writes.add(new SessionRows.Write(key, value.getValue())));
        List<SessionRows.Written> written = null;
        try {
            written = store.call(StoreMetrics.Op.STORE, TABLE, () -> store.sessions().store(writes));
        } finally {
            if (written == null) {
                // The write may be in the table after all (a COMMIT in doubt): the next flush asks it.
                writes.forEach(w -> w.record().storeFailed());
            }
        }
        for (SessionRows.Written w : written) {
            w.record().stored(w.version(), w.dropped());
            w.record().commitStaged();
        }
    }

    @Override
    public void delete(SessionKey key) {
        remove(List.of(key));
    }

    @Override
    public void deleteAll(Collection<SessionKey> keys) {
        remove(List.copyOf(keys));
        keys.clear();
    }

    private void remove(List<SessionKey> keys) {
        store.call(StoreMetrics.Op.DELETE, TABLE, () -> {
            store.sessions().delete(keys);
            return null;
        });
    }
}
