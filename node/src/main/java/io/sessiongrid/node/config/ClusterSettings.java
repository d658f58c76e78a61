package io.sessiongrid.node.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * How this node's Hazelcast member joins the cluster ({@code sessiongrid.cluster.*}).
 *
 * @param name              cluster name; members with another name never join (env SESSIONGRID_CLUSTER_NAME)
 * @param port              member port (env SESSIONGRID_CLUSTER_PORT)
 * @param portAutoIncrement try the next ports when {@code port} is taken
 * @param members           host:port list for TCP/IP join; empty = this member alone (env SESSIONGRID_CLUSTER_MEMBERS)
 * @param bindInterface     address the member binds to and announces (env SESSIONGRID_CLUSTER_INTERFACE)
 * @param partitionCount    Hazelcast partitions; every member of a cluster must agree
 * @param shutdownTimeout   longest wait, on SIGTERM, for this member's partitions to migrate away
 *                          (env SESSIONGRID_CLUSTER_SHUTDOWN_TIMEOUT); the pod's grace period must be longer
 * @param writeQuorum       members a side of a split cluster needs to accept writes; 0 = off
 *                          (env SESSIONGRID_CLUSTER_WRITE_QUORUM); a majority of the cluster, e.g. 2 of 3
 * @param discovery         TCP_IP (the {@code members} list) or KUBERNETES (env SESSIONGRID_CLUSTER_DISCOVERY)
 * @param kubernetesServiceDns DNS name of the headless Service whose addresses are the members, e.g.
 *                          {@code sg-sessiongrid-members.prod.svc.cluster.local}; used by KUBERNETES only, so
 *                          setting discovery alone switches a configured node to TCP_IP
 *                          (env SESSIONGRID_CLUSTER_KUBERNETES_SERVICE_DNS)
 * @param failureDetector   PHI_ACCRUAL or DEADLINE: how missed heartbeats make a member suspect another
 *                          (env SESSIONGRID_CLUSTER_FAILURE_DETECTOR)
 * @param heartbeatInterval how often a member sends each other member a heartbeat; whole seconds
 *                          (env SESSIONGRID_CLUSTER_HEARTBEAT_INTERVAL)
 * @param maxNoHeartbeat    silence after which a member is suspected (DEADLINE), or the pause accepted on top of
 *                          the usual heartbeat gap before the margin starts (PHI_ACCRUAL); whole seconds, at least
 *                          twice {@code heartbeatInterval} (env SESSIONGRID_CLUSTER_MAX_NO_HEARTBEAT)
 * @param phiThreshold      PHI_ACCRUAL's suspicion level: a member is suspected once a heartbeat this late would
 *                          come with probability 10^-threshold (env SESSIONGRID_CLUSTER_PHI_THRESHOLD)
 * @param operationTimeout  longest wait for the answer to a grid operation from a member that gives no sign of
 *                          life (a member working on it keeps the call alive); then the request gets 503
 *                          (env SESSIONGRID_CLUSTER_OPERATION_TIMEOUT)
 * @param mergeInterval     how often the oldest member looks for another cluster of the same name to merge with
 *                          (a member that was suspected and came back, the other side of a network partition),
 *                          first this long after start; whole seconds (env SESSIONGRID_CLUSTER_MERGE_INTERVAL)
 */
@ConfigurationProperties("sessiongrid.cluster")
public record ClusterSettings(
        @Bindable(defaultValue = "sessiongrid") String name,
        @Bindable(defaultValue = "5701") int port,
        @Bindable(defaultValue = "false") boolean portAutoIncrement,
        @Bindable(defaultValue = "") List<String> members,
        @Bindable(defaultValue = "127.0.0.1") String bindInterface,
        @Bindable(defaultValue = "271") int partitionCount,
        @Bindable(defaultValue = "120s") Duration shutdownTimeout,
        @Bindable(defaultValue = "0") int writeQuorum,
        @Bindable(defaultValue = "TCP_IP") Discovery discovery,
        @Bindable(defaultValue = "") String kubernetesServiceDns,
        @Bindable(defaultValue = "PHI_ACCRUAL") FailureDetector failureDetector,
        @Bindable(defaultValue = "1s") Duration heartbeatInterval,
        @Bindable(defaultValue = "5s") Duration maxNoHeartbeat,
        @Bindable(defaultValue = "10") int phiThreshold,
        @Bindable(defaultValue = "10s") Duration operationTimeout,
        @Bindable(defaultValue = "30s") Duration mergeInterval) {

    public static final FailureDetector DEFAULT_FAILURE_DETECTOR = FailureDetector.PHI_ACCRUAL;
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_NO_HEARTBEAT = Duration.ofSeconds(5);
    public static final int DEFAULT_PHI_THRESHOLD = 10;
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MERGE_INTERVAL = Duration.ofSeconds(30);

    /** Settings with the default shutdown timeout and failure detection. */
    public ClusterSettings(String name, int port, boolean portAutoIncrement, List<String> members, String bindInterface,
                           int partitionCount) {
        this(name, port, portAutoIncrement, members, bindInterface, partitionCount, Duration.ofSeconds(120), 0,
                Discovery.TCP_IP, "");
    }

    /** Settings with the default failure detection. */
    public ClusterSettings(String name, int port, boolean portAutoIncrement, List<String> members, String bindInterface,
                           int partitionCount, Duration shutdownTimeout, int writeQuorum, Discovery discovery,
                           String kubernetesServiceDns) {
        this(name, port, portAutoIncrement, members, bindInterface, partitionCount, shutdownTimeout, writeQuorum,
                discovery, kubernetesServiceDns, DEFAULT_FAILURE_DETECTOR, DEFAULT_HEARTBEAT_INTERVAL,
                DEFAULT_MAX_NO_HEARTBEAT, DEFAULT_PHI_THRESHOLD, DEFAULT_OPERATION_TIMEOUT, DEFAULT_MERGE_INTERVAL);
    }

    public ClusterSettings {
        if (writeQuorum < 0 || writeQuorum == 1) {
            throw new IllegalArgumentException("sessiongrid.cluster.write-quorum must be 0 (off) or at least 2, was "
                    + writeQuorum);
        }
        if (shutdownTimeout == null || shutdownTimeout.isNegative() || shutdownTimeout.isZero()) {
            throw new IllegalArgumentException("sessiongrid.cluster.shutdown-timeout must be positive, was " + shutdownTimeout);
        }
        members = members == null ? List.of()
                : members.stream().map(String::trim).filter(m -> !m.isEmpty()).toList();
        discovery = discovery == null ? Discovery.TCP_IP : discovery;
        kubernetesServiceDns = kubernetesServiceDns == null ? "" : kubernetesServiceDns.trim();
        if (discovery == Discovery.KUBERNETES && kubernetesServiceDns.isEmpty()) {
            throw new IllegalArgumentException("sessiongrid.cluster.discovery KUBERNETES needs"
                    + " sessiongrid.cluster.kubernetes-service-dns (the headless Service's DNS name)");
        }
        if (discovery == Discovery.KUBERNETES && !members.isEmpty()) {
            throw new IllegalArgumentException("sessiongrid.cluster.members is for TCP_IP discovery; with KUBERNETES"
                    + " the members come from " + kubernetesServiceDns + " (remove one of the two)");
        }
        failureDetector = failureDetector == null ? DEFAULT_FAILURE_DETECTOR : failureDetector;
        heartbeatInterval = wholeSeconds("heartbeat-interval", heartbeatInterval, DEFAULT_HEARTBEAT_INTERVAL);
        maxNoHeartbeat = wholeSeconds("max-no-heartbeat", maxNoHeartbeat, DEFAULT_MAX_NO_HEARTBEAT);
        mergeInterval = wholeSeconds("merge-interval", mergeInterval, DEFAULT_MERGE_INTERVAL);
        if (maxNoHeartbeat.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("sessiongrid.cluster.max-no-heartbeat must be at least twice"
                    + " heartbeat-interval (" + heartbeatInterval + "), or a single late heartbeat gets a member"
                    + " suspected; was " + maxNoHeartbeat);
        }
        if (phiThreshold < 1) {
            throw new IllegalArgumentException("sessiongrid.cluster.phi-threshold must be at least 1, was " + phiThreshold);
        }
        operationTimeout = operationTimeout == null ? DEFAULT_OPERATION_TIMEOUT : operationTimeout;
        if (operationTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("sessiongrid.cluster.operation-timeout must be at least 1s, was "
                    + operationTimeout);
        }
    }

    // Hazelcast takes these in whole seconds: a value it would round is refused rather than changed silently.
    private static Duration wholeSeconds(String key, Duration value, Duration absent) {
        if (value == null) {
            return absent;
        }
        if (value.compareTo(Duration.ofSeconds(1)) < 0 || value.toNanosPart() != 0) {
            throw new IllegalArgumentException("sessiongrid.cluster." + key + " must be whole seconds, at least 1s, was "
                    + value);
        }
        return value;
    }
}
