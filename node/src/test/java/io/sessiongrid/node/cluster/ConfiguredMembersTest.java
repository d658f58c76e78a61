package io.sessiongrid.node.cluster;

import io.sessiongrid.node.config.ClusterSettings;
import io.sessiongrid.node.config.Discovery;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What "configured members" is for each way a cluster is configured. */
class ConfiguredMembersTest {

    private static final ClusterSettings LIST = new ClusterSettings("sg", 5701, false,
            List.of("127.0.0.1:5701", "127.0.0.1:5702", " 127.0.0.1:5702 ", "127.0.0.1:5703"), "127.0.0.1", 31);
    private static final ClusterSettings KUBERNETES = new ClusterSettings("sg", 5701, false, List.of(), "10.0.0.7", 271,
            Duration.ofSeconds(120), 0, Discovery.KUBERNETES, "sg-members.prod.svc.cluster.local");

    @Test
    void aTcpIpListCountsItsDistinctMembers() {
        assertThat(new ConfiguredMembers(LIST, 0).count()).isEqualTo(3);
    }

    @Test
    void kubernetesDiscoveryHasNoListSoOnlyTheSettingSays() {
        assertThat(new ConfiguredMembers(KUBERNETES, 0).count()).isZero();
        assertThat(new ConfiguredMembers(KUBERNETES, 5).count()).isEqualTo(5);
    }

    @Test
    void theSettingWinsOverTheListAndMayNotBeNegative() {
        assertThat(new ConfiguredMembers(LIST, 4).count()).isEqualTo(4);
        assertThatThrownBy(() -> new ConfiguredMembers(LIST, -1))
                .hasMessage("sessiongrid.cluster.expected-members must be 0 (unknown) or more, was -1");
    }
}
