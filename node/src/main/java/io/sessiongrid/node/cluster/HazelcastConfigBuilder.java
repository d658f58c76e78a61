package io.sessiongrid.node.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import io.sessiongrid.node.config.ClusterSettings;
import io.sessiongrid.node.config.Discovery;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.codec.GridSerialization;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Turns {@link ClusterSettings} and the app policies into a Hazelcast member {@link Config}. */
public final class HazelcastConfigBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastConfigBuilder.class);

    static final String HEALTH_MONITORING_LEVEL = "hazelcast.health.monitoring.level";

    private HazelcastConfigBuilder() {
    }

    public static Config build(ClusterSettings settings, AppPolicies policies) {
        Config config = new Config();
        config.setClusterName(settings.name());
        config.setInstanceName("sessiongrid-" + settings.name() + "-" + settings.bindInterface() + "-" + settings.port());
        // Micronaut shuts the member down gracefully after in-flight requests; Hazelcast's own hook would race it.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.partition.count", Integer.toString(settings.partitionCount()));
        config.setProperty("hazelcast.socket.bind.any", "false");
        // Hazelcast's health line repeats every 20 s whenever CPU or heap is over 70 %, which on a small
        // machine is always; the node's meters on /prometheus carry the same. -D... brings it back.
        if (System.getProperty(HEALTH_MONITORING_LEVEL) == null) {
            config.setProperty(HEALTH_MONITORING_LEVEL, "OFF");
        }
        // Bounds the graceful shutdown Micronaut starts on SIGTERM (partitions migrate before the member leaves).
        config.setProperty("hazelcast.graceful.shutdown.max.wait",
                Long.toString(Math.max(1, settings.shutdownTimeout().toSeconds())));

        failureDetection(config, settings);

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(settings.portAutoIncrement());
        network.getInterfaces().setEnabled(true).addInterface(settings.bindInterface());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (settings.discovery() == Discovery.KUBERNETES) {
            // DNS mode lists the headless Service's addresses; the member port is ours, not Hazelcast's default.
            join.getTcpIpConfig().setEnabled(false);
            join.getKubernetesConfig().setEnabled(true)
                    .setProperty("service-dns", settings.kubernetesServiceDns())
                    .setProperty("service-port", Integer.toString(settings.port()));
        } else {
            List<String> members = settings.members().isEmpty()
                    ? List.of(settings.bindInterface() + ":" + settings.port())
                    : settings.members();
            join.getTcpIpConfig().setEnabled(true).setMembers(members);
        }

        if (settings.writeQuorum() > 0) {
            config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(AppMapConfigs.WRITE_QUORUM, true,
                    settings.writeQuorum()).setProtectOn(SplitBrainProtectionOn.WRITE));
        }
        AppPolicy defaults = policies.defaults();
        config.addMapConfig(AppMapConfigs.sessions(SessionMaps.SESSIONS_PREFIX + "*", defaults));
        config.addMapConfig(AppMapConfigs.userState(SessionMaps.USER_STATE_PREFIX + "*", defaults));
        config.addMapConfig(AppMapConfigs.routes(SessionMaps.ROUTES_PREFIX + "*", defaults));
        config.addMapConfig(AppMapConfigs.appState(policies));
        warnIfCapBelowPartitions("defaults", defaults, settings.partitionCount());
        policies.configuredApps().forEach((app, policy) -> {
            warnIfCapBelowPartitions("app '" + app + "'", policy, settings.partitionCount());
            config.addMapConfig(AppMapConfigs.sessions(SessionMaps.sessionsMapName(app), policy));
            config.addMapConfig(AppMapConfigs.userState(SessionMaps.userStateMapName(app), policy));
            config.addMapConfig(AppMapConfigs.routes(SessionMaps.routesMapName(app), policy));
        });
        GridSerialization.register(config.getSerializationConfig());
        return config;
    }

    /**
     * How soon a member that stops answering (crashed, frozen, cut off) is suspected and removed, so that its
     * partitions' backups take over and calls waiting on it go on; Hazelcast's own defaults wait 60 s. See the
     * README, "Cluster reliability", for the trade-offs.
     */
    private static void failureDetection(Config config, ClusterSettings settings) {
        config.setProperty("hazelcast.heartbeat.failuredetector.type", settings.failureDetector().hazelcastName());
        config.setProperty("hazelcast.heartbeat.interval.seconds", Long.toString(settings.heartbeatInterval().toSeconds()));
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(settings.maxNoHeartbeat().toSeconds()));
        config.setProperty("hazelcast.heartbeat.phiaccrual.failuredetector.threshold",
                Integer.toString(settings.phiThreshold()));
        config.setProperty("hazelcast.operation.call.timeout.millis", Long.toString(settings.operationTimeout().toMillis()));
        // A suspected member that was only slow comes back as a cluster of its own; it merges back on the next run.
        config.setProperty("hazelcast.merge.first.run.delay.seconds", Long.toString(settings.mergeInterval().toSeconds()));
        config.setProperty("hazelcast.merge.next.run.delay.seconds", Long.toString(settings.mergeInterval().toSeconds()));
    }

    /**
     * Hazelcast enforces a per-member cap per partition (cap x members / partitions each) and keeps at
     * least one entry per partition, so a cap below the partition count cannot hold as written.
     */
    private static void warnIfCapBelowPartitions(String what, AppPolicy policy, int partitions) {
        int cap = policy.maxSessionsPerMember();
        if (cap > 0 && cap < partitions) {
            LOG.warn("max-sessions-per-member {} of {} is below the partition count {}: each member keeps up to one"
                    + " session per partition it owns, so the cap acts as about {} per member", cap, what, partitions, partitions);
        }
    }
}
