package io.sessiongrid.node.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

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
 */
@ConfigurationProperties("sessiongrid.cluster")
public record ClusterSettings(
        @Bindable(defaultValue = "sessiongrid") String name,
        @Bindable(defaultValue = "5701") int port,
        @Bindable(defaultValue = "false") boolean portAutoIncrement,
        @Bindable(defaultValue = "") List<String> members,
        @Bindable(defaultValue = "127.0.0.1") String bindInterface,
        @Bindable(defaultValue = "271") int partitionCount) {

    public ClusterSettings {
        members = members == null ? List.of()
                : members.stream().map(String::trim).filter(m -> !m.isEmpty()).toList();
    }
}
