package io.sessiongrid.node.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapLoaderLifecycleSupport;
import com.hazelcast.map.MapStore;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The part every map store of the whole-loaded maps (user state, app state, routes) shares: single
 * writes and deletes are batches of one, a batch is one transaction, and Hazelcast learns that nothing
 * is left to retry by an emptied argument.
 */
abstract class BatchMapStore<K, V> implements MapStore<K, V>, MapLoaderLifecycleSupport {

    protected DurableStore store;
    protected String mapName;

    @Override
    public void init(HazelcastInstance hazelcast, Properties properties, String mapName) {
        this.store = DurableStore.of(hazelcast);
        this.mapName = mapName;
    }

    @Override
    public void destroy() {
        // The data source belongs to the node, not to one map.
    }

    /** Stores a batch in one transaction, or throws and stores nothing. */
    abstract void write(Map<K, V> batch);

    /** Deletes a batch in one transaction, or throws and deletes nothing. */
    abstract void remove(List<K> keys);

    @Override
    public void store(K key, V value) {
        write(Map.of(key, value));
    }

    @Override
    public void storeAll(Map<K, V> map) {
        write(map);
        map.clear();
    }

    @Override
    public void delete(K key) {
        remove(List.of(key));
    }

    @Override
    public void deleteAll(Collection<K> keys) {
        remove(List.copyOf(keys));
        keys.clear();
    }
}
