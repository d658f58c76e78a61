package io.sessiongrid.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A wrong value fails at install time with a message naming it, before anything reaches the cluster. */
class ChartValuesValidationTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "replicaCount                          | -1          | at '/replicaCount': minimum",
            "replicaCount                          | 0           | at '/replicaCount': minimum",
            "policies.apps.web.eviction            | RANDOM      | at '/policies/apps/web/eviction'",
            "policies.defaults.events-overflow     | TRUNCATE    | at '/policies/defaults/events-overflow'",
            "policies.apps.web.max-idel            | 30m         | 'max-idel'",
            "policies.apps.web.max-idle            | 30 minutes  | at '/policies/apps/web/max-idle'",
            "policies.defaults.max-events          | -5          | at '/policies/defaults/max-events'",
            "cluster.writeQuorum                   | 1           | at '/cluster/writeQuorum'",
            "cluster.memberPort                    | 70000       | at '/cluster/memberPort'",
            "http.port                             | 0           | at '/http/port'",
            "podManagementPolicy                   | Sequential  | at '/podManagementPolicy'",
            "replicas                              | 3           | 'replicas'",
            "preStopSleepSeconds                   | -1          | at '/preStopSleepSeconds'",
    })
    void schemaRejects(String key, String value, String named) {
        assertThatThrownBy(() -> RenderedChart.render(Map.of(key, value)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(named);
    }

    @Test
    void gracePeriodNotLongerThanPreStopPlusShutdownTimeoutIsRefused() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("terminationGracePeriodSeconds", 125)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("terminationGracePeriodSeconds (125) must be larger than preStopSleepSeconds"
                        + " + cluster.shutdownTimeoutSeconds (5 + 120)");
        assertThat(RenderedChart.render(Map.of("terminationGracePeriodSeconds", 126)).statefulSet().getSpec()
                .getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(126L);
    }

    @Test
    void writeQuorumAboveTheReplicasIsRefused() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("cluster.writeQuorum", 4)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cluster.writeQuorum (4) is larger than replicaCount (3)");
    }

    @Test
    void aMajorityQuorumAndALongerGracePeriodAreAccepted() {
        RenderedChart chart = RenderedChart.render(Map.of("cluster.writeQuorum", 2,
                "cluster.shutdownTimeoutSeconds", 600, "terminationGracePeriodSeconds", 630));
        assertThat(chart.config("sessiongrid", "cluster", "write-quorum")).isEqualTo(2);
        assertThat(chart.config("sessiongrid", "cluster", "shutdown-timeout")).isEqualTo("600s");
    }

    @Test
    void networkPolicyAdmitsTheDocumentedClientLabelWhenNoneIsGiven() {
        RenderedChart chart = RenderedChart.render(Map.of("networkPolicy.enabled", true));
        assertThat(chart.manifest()).contains("sessiongrid-client: \"true\"");
        assertThat(chart.one(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class).getSpec().getIngress().get(1)
                .getFrom().get(0).getPodSelector().getMatchLabels()).isEqualTo(Map.of("sessiongrid-client", "true"));
    }
}
