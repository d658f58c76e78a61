package io.sessiongrid.node.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.sessiongrid.node.config.ClusterSettings;
import io.sessiongrid.node.config.Discovery;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@code sessiongrid.cluster.discovery} turns into the member's join configuration. */
class DiscoveryConfigTest {

    private static final AppPolicies POLICIES = new AppPolicies(AppPolicy.BUILT_IN, Map.of(), false);

    @Test
    void kubernetesLooksUpTheHeadlessServiceOnTheMemberPortAndNothingElse() {
        JoinConfig join = join(settings(Discovery.KUBERNETES, "sg-sessiongrid-members.prod.svc.cluster.local", List.of()));
        assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
        assertThat(join.getKubernetesConfig().getProperties()).isEqualTo(Map.of(
                "service-dns", "sg-sessiongrid-members.prod.svc.cluster.local", "service-port", "5801"));
        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
    }

    @Test
    void tcpIpJoinsTheListedMembersAndIgnoresAServiceName() {
        // Switching a Kubernetes-configured node to TCP/IP takes only the discovery key.
        JoinConfig join = join(settings(Discovery.TCP_IP, "sg-sessiongrid-members.prod.svc.cluster.local",
                List.of("10.0.0.1:5801", "10.0.0.2:5801")));
        assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("10.0.0.1:5801", "10.0.0.2:5801");
    }

    @Test
    void kubernetesWithoutAServiceNameIsRefused() {
        assertThatThrownBy(() -> settings(Discovery.KUBERNETES, " ", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sessiongrid.cluster.discovery KUBERNETES needs sessiongrid.cluster.kubernetes-service-dns"
                        + " (the headless Service's DNS name)");
    }

    @Test
    void kubernetesWithAMembersListIsRefusedAsAContradiction() {
        assertThatThrownBy(() -> settings(Discovery.KUBERNETES, "sg-members", List.of("10.0.0.1:5801")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sessiongrid.cluster.members is for TCP_IP discovery");
    }

    private static ClusterSettings settings(Discovery discovery, String serviceDns, List<String> members) {
        return new ClusterSettings("sg", 5801, false, members, "127.0.0.1", 271, Duration.ofSeconds(120), 0,
                discovery, serviceDns);
    }

    private static JoinConfig join(ClusterSettings settings) {
        Config config = HazelcastConfigBuilder.build(settings, POLICIES);
        return config.getNetworkConfig().getJoin();
    }
}
