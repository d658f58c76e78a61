package io.sessiongrid.node.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import io.sessiongrid.node.config.ClusterSettings;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.codec.GridSerialization;

import java.util.List;

/** Turns {@link ClusterSettings} into a Hazelcast member {@link Config}. */
public final class HazelcastConfigBuilder {

    private HazelcastConfigBuilder() {
    }

    public static Config build(ClusterSettings settings) {
        Config config = new Config();
        config.setClusterName(settings.name());
        config.setInstanceName("sessiongrid-" + settings.name() + "-" + settings.bindInterface() + "-" + settings.port());
        // Micronaut shuts the member down gracefully after in-flight requests; Hazelcast's own hook would race it.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.partition.count", Integer.toString(settings.partitionCount()));
        config.setProperty("hazelcast.socket.bind.any", "false");

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(settings.portAutoIncrement());
        network.getInterfaces().setEnabled(true).addInterface(settings.bindInterface());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        List<String> members = settings.members().isEmpty()
                ? List.of(settings.bindInterface() + ":" + settings.port())
                : settings.members();
        join.getTcpIpConfig().setEnabled(true).setMembers(members);

        config.addMapConfig(objectMap(SessionMaps.SESSIONS_PREFIX + "*", settings.backupCount()));
        config.addMapConfig(objectMap(SessionMaps.USER_STATE_PREFIX + "*", settings.backupCount()));
        config.addMapConfig(objectMap(SessionMaps.APP_STATE, settings.backupCount()));

        GridSerialization.register(config.getSerializationConfig());
        return config;
    }

    /**
     * OBJECT format: records stay live objects that entry processors change in place, so the hot path
     * never re-serializes a session. No indexes on these maps: with OBJECT format an index makes
     * Hazelcast clone the value before every entry processor.
     */
    private static MapConfig objectMap(String name, int backups) {
        return new MapConfig(name)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setBackupCount(backups)
                .setStatisticsEnabled(true)
                .setPerEntryStatsEnabled(false);
    }
}
