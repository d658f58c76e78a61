package io.sessiongrid.node.cluster;

import io.micronaut.context.annotation.Value;
import io.sessiongrid.node.config.ClusterSettings;
import io.sessiongrid.node.config.Discovery;
import jakarta.inject.Singleton;

/**
 * How many members the configuration means the cluster to have, so meters and {@code /health} can say
 * "2 of 3": {@code sessiongrid.cluster.expected-members} when set (the chart sets its replica count, as
 * Kubernetes discovery has no list), else the TCP/IP member list's distinct entries; 0 = unknown.
 */
@Singleton
public final class ConfiguredMembers {

    private final int count;

    public ConfiguredMembers(ClusterSettings settings, @Value("${sessiongrid.cluster.expected-members:0}") int expected) {
        if (expected < 0) {
            throw new IllegalArgumentException("sessiongrid.cluster.expected-members must be 0 (unknown) or more, was "
                    + expected);
        }
        this.count = expected > 0 ? expected
                : settings.discovery() == Discovery.TCP_IP ? (int) settings.members().stream().distinct().count() : 0;
    }

    /** The members meant to be there; 0 when nothing says. */
    public int count() {
        return count;
    }
}
