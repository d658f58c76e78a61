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
import io.sessiongrid.node.policy.AppPolicy;
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
        return config;
    }

    /**
     * The routing map of an app: small immutable routes in BINARY format with a HASH index on the
     * worker, so worker queries read only that worker's routes (an index on the OBJECT sessions map
     * would clone whole sessions before every entry processor).
     */
    public static MapConfig routes(String mapName, AppPolicy policy) {
        return new MapConfig(mapName)
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
        return layers(objectMap(mapName, policy.backupCount(), policy.asyncBackupCount()));
    }

    public static MapConfig appState(AppPolicy defaults) {
        return layers(objectMap(SessionMaps.APP_STATE, defaults.backupCount(), defaults.asyncBackupCount()));
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
