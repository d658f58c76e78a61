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
        @Bindable(defaultValue = "") String kubernetesServiceDns) {

    /** Settings with the default shutdown timeout. */
    public ClusterSettings(String name, int port, boolean portAutoIncrement, List<String> members, String bindInterface,
                           int partitionCount) {
        this(name, port, portAutoIncrement, members, bindInterface, partitionCount, Duration.ofSeconds(120), 0,
                Discovery.TCP_IP, "");
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
    }
}
