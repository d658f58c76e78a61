package io.sessiongrid.node.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.node.config.ClusterSettings;
import io.sessiongrid.node.config.Discovery;
import io.sessiongrid.node.config.FailureDetector;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.support.TestCluster;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@code sessiongrid.cluster.*} failure detection turns into the member's Hazelcast properties. */
class FailureDetectionConfigTest {

    private static final AppPolicies POLICIES = new AppPolicies(AppPolicy.BUILT_IN, Map.of(), false);

    @Test
    void aNodeByDefaultSuspectsASilentMemberWithinSecondsNotAfterHazelcastsMinute() {
        try (TestNode node = TestNode.single()) {
            Config config = node.context().getBean(HazelcastInstance.class).getConfig();
            assertThat(config.getProperty("hazelcast.heartbeat.failuredetector.type")).isEqualTo("phi-accrual");
            assertThat(config.getProperty("hazelcast.heartbeat.interval.seconds")).isEqualTo("1");
            assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("5");
            assertThat(config.getProperty("hazelcast.heartbeat.phiaccrual.failuredetector.threshold")).isEqualTo("10");
            assertThat(config.getProperty("hazelcast.operation.call.timeout.millis")).isEqualTo("10000");
            assertThat(config.getProperty("hazelcast.merge.first.run.delay.seconds")).isEqualTo("30");
            assertThat(config.getProperty("hazelcast.merge.next.run.delay.seconds")).isEqualTo("30");
        }
    }

    @Test
    void everySettingComesFromItsKey() {
        int port = TestCluster.freePort();
        try (TestNode node = TestNode.start("fd-" + port, port, List.of("127.0.0.1:" + port), Map.of(
                "sessiongrid.cluster.failure-detector", "DEADLINE",
                "sessiongrid.cluster.heartbeat-interval", "2s",
                "sessiongrid.cluster.max-no-heartbeat", "15s",
                "sessiongrid.cluster.phi-threshold", "12",
                "sessiongrid.cluster.operation-timeout", "2500ms",
                "sessiongrid.cluster.merge-interval", "2m"))) {
            Config config = node.context().getBean(HazelcastInstance.class).getConfig();
            assertThat(config.getProperty("hazelcast.heartbeat.failuredetector.type")).isEqualTo("deadline");
            assertThat(config.getProperty("hazelcast.heartbeat.interval.seconds")).isEqualTo("2");
            assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("15");
            assertThat(config.getProperty("hazelcast.heartbeat.phiaccrual.failuredetector.threshold")).isEqualTo("12");
            assertThat(config.getProperty("hazelcast.operation.call.timeout.millis")).isEqualTo("2500");
            assertThat(config.getProperty("hazelcast.merge.first.run.delay.seconds")).isEqualTo("120");
            assertThat(config.getProperty("hazelcast.merge.next.run.delay.seconds")).isEqualTo("120");
        }
    }

    @Test
    void settingsWithoutFailureDetectionGetTheDefaults() {
        Config config = HazelcastConfigBuilder.build(
                new ClusterSettings("sg", 5801, false, List.of(), "127.0.0.1", 271), POLICIES);
        assertThat(config.getProperty("hazelcast.heartbeat.failuredetector.type")).isEqualTo("phi-accrual");
        assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("5");
    }

    @Test
    void secondsHazelcastWouldRoundAreRefused() {
        assertThatThrownBy(() -> settings(Duration.ofMillis(1500), Duration.ofSeconds(5), 10, Duration.ofSeconds(10),
                Duration.ofSeconds(30)))
                .hasMessage("sessiongrid.cluster.heartbeat-interval must be whole seconds, at least 1s, was PT1.5S");
        assertThatThrownBy(() -> settings(Duration.ofSeconds(1), Duration.ZERO, 10, Duration.ofSeconds(10),
                Duration.ofSeconds(30)))
                .hasMessage("sessiongrid.cluster.max-no-heartbeat must be whole seconds, at least 1s, was PT0S");
        assertThatThrownBy(() -> settings(Duration.ofSeconds(1), Duration.ofSeconds(5), 10, Duration.ofSeconds(10),
                Duration.ofMillis(100)))
                .hasMessage("sessiongrid.cluster.merge-interval must be whole seconds, at least 1s, was PT0.1S");
    }

    @Test
    void aDeadlineOneHeartbeatLongIsRefused() {
        assertThatThrownBy(() -> settings(Duration.ofSeconds(3), Duration.ofSeconds(5), 10, Duration.ofSeconds(10),
                Duration.ofSeconds(30)))
                .hasMessage("sessiongrid.cluster.max-no-heartbeat must be at least twice heartbeat-interval (PT3S),"
                        + " or a single late heartbeat gets a member suspected; was PT5S");
    }

    @Test
    void aThresholdBelowOneAndAnOperationTimeoutBelowASecondAreRefused() {
        assertThatThrownBy(() -> settings(Duration.ofSeconds(1), Duration.ofSeconds(5), 0, Duration.ofSeconds(10),
                Duration.ofSeconds(30)))
                .hasMessage("sessiongrid.cluster.phi-threshold must be at least 1, was 0");
        assertThatThrownBy(() -> settings(Duration.ofSeconds(1), Duration.ofSeconds(5), 10, Duration.ofMillis(999),
                Duration.ofSeconds(30)))
                .hasMessage("sessiongrid.cluster.operation-timeout must be at least 1s, was PT0.999S");
    }

    private static ClusterSettings settings(Duration heartbeatInterval, Duration maxNoHeartbeat, int phiThreshold,
                                            Duration operationTimeout, Duration mergeInterval) {
        return new ClusterSettings("sg", 5801, false, List.of(), "127.0.0.1", 271, Duration.ofSeconds(120), 0,
                Discovery.TCP_IP, "", FailureDetector.PHI_ACCRUAL, heartbeatInterval, maxNoHeartbeat, phiThreshold,
                operationTimeout, mergeInterval);
    }
}
