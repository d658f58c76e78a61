package io.sessiongrid.node.cluster;

import com.hazelcast.config.EntryListenerConfig;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.MergePolicyConfig;
import io.sessiongrid.node.cluster.merge.LayerMergePolicy;
import io.sessiongrid.node.cluster.merge.SessionMergePolicy;
import io.sessiongrid.node.metrics.SessionEndListener;
import com.hazelcast.config.MapStoreConfig;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.policy.Durability;
import io.sessiongrid.node.store.AppStateMapStore;
import io.sessiongrid.node.store.RouteMapStore;
import io.sessiongrid.node.store.SessionMapStore;
import io.sessiongrid.node.store.UserStateMapStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import io.sessiongrid.node.policy.Eviction;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.routing.Route;
import io.sessiongrid.node.session.routing.RouteCleaner;

/**
 * An app's policy as Hazelcast map configuration: TTL, max-idle, the per-member cap and backups are
 * Hazelcast's own, so expiry and eviction happen where the data lives, with no sweeper of ours.
 * The same method serves the start-up config and the dynamic config of apps met later, so both
 * produce identical configs (Hazelcast refuses a second, different dynamic config for one name).
 */
public final class AppMapConfigs {

    /** Sessions per write-behind store call: one transaction each. */
    static final int WRITE_BATCH = 100;

    /**
     * Every map names this split-brain protection; it exists only when {@code write-quorum} is set,
     * and a name without a config protects nothing, so configs stay identical either way.
     */
    public static final String WRITE_QUORUM = "sessiongrid-write-quorum";

    private AppMapConfigs() {
    }

    /** The sessions map of an app (or, with a wildcard name, of every app without its own). */
    public static MapConfig sessions(String mapName, AppPolicy policy) {
        MapConfig config = objectMap(mapName, policy.backupCount(), policy.asyncBackupCount())
                .setTimeToLiveSeconds((int) policy.ttlSeconds())
                .setMaxIdleSeconds((int) policy.maxIdleSeconds());
        if (policy.maxSessionsPerMember() > 0) {
            config.setEvictionConfig(new EvictionConfig()
                    .setEvictionPolicy(policy.eviction() == Eviction.LFU ? EvictionPolicy.LFU : EvictionPolicy.LRU)
                    .setMaxSizePolicy(MaxSizePolicy.PER_NODE)
                    .setSize(policy.maxSessionsPerMember()));
        }
        config.addEntryListenerConfig(new EntryListenerConfig(SessionEndListener.class.getName(), true, false));
        config.addEntryListenerConfig(new EntryListenerConfig(RouteCleaner.class.getName(), true, false));
        config.setMergePolicyConfig(new MergePolicyConfig(SessionMergePolicy.class.getName(), MergePolicyConfig.DEFAULT_BATCH_SIZE));
        return config.setMapStoreConfig(store(SessionMapStore.class, policy.durability(), policy.writeDelay()));
    }

    /**
     * The durable tier of a map: Hazelcast's own map store, write-through (delay 0) or write-behind with
     * coalescing (one pending write per session however often it changes). LAZY: the map loads its
     * recent keys when first used, which the node does at start for every durable app.
     */
    static MapStoreConfig store(Class<?> implementation, Durability durability, Duration writeDelay) {
        if (durability == Durability.NONE) {
            return new MapStoreConfig().setEnabled(false);
        }
        return new MapStoreConfig()
                .setEnabled(true)
                .setClassName(implementation.getName())
                .setWriteDelaySeconds(durability == Durability.WRITE_THROUGH ? 0 : (int) writeDelay.getSeconds())
                .setWriteCoalescing(true)
                .setWriteBatchSize(WRITE_BATCH)
                .setInitialLoadMode(MapStoreConfig.InitialLoadMode.LAZY);
    }

    /**
     * The routing map of an app: small immutable routes in BINARY format with a HASH index on the
     * worker, so worker queries read only that worker's routes (an index on the OBJECT sessions map
     * would clone whole sessions before every entry processor).
     */
    public static MapConfig routes(String mapName, AppPolicy policy) {
        // A route's row is its session's: storing it a second after the session's own write lets the
        // session's row exist first (a route stored too early is refused and retried).
        return new MapConfig(mapName)
                .setMapStoreConfig(store(RouteMapStore.class, policy.durability(), policy.writeDelay().plusSeconds(1)))
                .setInMemoryFormat(InMemoryFormat.BINARY)
                .setSplitBrainProtectionName(WRITE_QUORUM)
                .setBackupCount(policy.backupCount())
                .setAsyncBackupCount(policy.asyncBackupCount())
                .setStatisticsEnabled(true)
                .setPerEntryStatsEnabled(false)
                .addIndexConfig(new IndexConfig(IndexType.HASH, Route.WORKER_ATTRIBUTE));
    }

    /** User state belongs to the user, not to a session: it never expires with them. */
    public static MapConfig userState(String mapName, AppPolicy policy) {
        return layers(objectMap(mapName, policy.backupCount(), policy.asyncBackupCount()))
                .setMapStoreConfig(store(UserStateMapStore.class, policy.durability(), policy.writeDelay()));
    }

    /**
     * One map holds every app's {@code app:} keys. It is durable when any app is (its store skips the
     * others) and write-through when any app is, so no app gets less than it asked for.
     */
    public static MapConfig appState(AppPolicies policies) {
        AppPolicy defaults = policies.defaults();
        List<AppPolicy> all = new ArrayList<>(policies.configuredApps().values());
        all.add(defaults);
        Durability strongest = all.stream().map(AppPolicy::durability).max(Comparator.naturalOrder()).orElse(Durability.NONE);
        Duration delay = all.stream().filter(AppPolicy::durable).map(AppPolicy::writeDelay)
                .min(Comparator.naturalOrder()).orElse(defaults.writeDelay());
        return layers(objectMap(SessionMaps.APP_STATE, defaults.backupCount(), defaults.asyncBackupCount()))
                .setMapStoreConfig(store(AppStateMapStore.class, strongest, delay));
    }

    private static MapConfig layers(MapConfig config) {
        return config.setMergePolicyConfig(new MergePolicyConfig(LayerMergePolicy.class.getName(),
                MergePolicyConfig.DEFAULT_BATCH_SIZE));
    }

    /**
     * OBJECT format: records stay live objects that entry processors change in place, so the hot path
     * never re-serializes a session. No indexes on these maps: with OBJECT format an index makes
     * Hazelcast clone the value before every entry processor.
     */
    private static MapConfig objectMap(String name, int backups, int asyncBackups) {
        return new MapConfig(name)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setSplitBrainProtectionName(WRITE_QUORUM)
                .setBackupCount(backups)
                .setAsyncBackupCount(asyncBackups)
                .setStatisticsEnabled(true)
                .setPerEntryStatsEnabled(false);
    }
}
