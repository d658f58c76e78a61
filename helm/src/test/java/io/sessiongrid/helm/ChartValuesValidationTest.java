package io.sessiongrid.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            "policies.apps.web.max-events          | 3000000000  | at '/policies/apps/web/max-events'",
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
    void gracePeriodNotLongerThanPreStopDrainAndShutdownTimeoutIsRefused() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("terminationGracePeriodSeconds", 140)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("terminationGracePeriodSeconds (140) must be larger than preStopSleepSeconds"
                        + " + http.drainTimeoutSeconds + cluster.shutdownTimeoutSeconds (5 + 15 + 120)");
        assertThat(RenderedChart.render(Map.of("terminationGracePeriodSeconds", 141)).statefulSet().getSpec()
                .getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(141L);
    }

    @ParameterizedTest(name = "writeQuorum {0}")
    @CsvSource({"3", "4"})
    void writeQuorumNeedingEveryMemberIsRefused(int quorum) {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("cluster.writeQuorum", quorum)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cluster.writeQuorum (" + quorum + ") must be below replicaCount (3)");
    }

    @Test
    void anIngressWithoutHostsIsRefused() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("ingress.enabled", true)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ingress.enabled needs at least one entry in ingress.hosts");
    }

    @Test
    void anAppWithAnEmptyPolicyIsRefusedBecauseTheNodeWouldNotDeclareIt(@TempDir Path dir) throws IOException {
        Path values = Files.writeString(dir.resolve("values.yaml"), "policies:\n  apps:\n    web: {}\n");
        assertThatThrownBy(() -> RenderedChart.render(values))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at '/policies/apps/web'");
    }

    @Test
    void largeNumbersFromAValuesFileRenderAsIntegers(@TempDir Path dir) throws IOException {
        // Helm reads numbers as floats; printed plainly, 2000000 would become 2e+06, which neither
        // the node nor Kubernetes accepts.
        Path values = Files.writeString(dir.resolve("values.yaml"), String.join("\n",
                "terminationGracePeriodSeconds: 100000",
                "limits: { maxRequestBytes: 16000000, maxIdLength: 1000000, defaultPageSize: 1000000, maxPageSize: 2000000 }",
                "metrics: { maxAppTags: 100000 }",
                "policies: { apps: { web: { max-sessions-per-member: 3000000, max-session-bytes: 100000000 } } }", ""));
        RenderedChart chart = RenderedChart.render(values);
        assertThat(chart.manifest()).doesNotContainPattern("[0-9]e\\+[0-9]");
        assertThat(chart.statefulSet().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(100_000L);
        assertThat(chart.config("sessiongrid", "limits")).isEqualTo(Map.of("max-request-bytes", 16_000_000,
                "max-id-length", 1_000_000, "default-page-size", 1_000_000, "max-page-size", 2_000_000));
        assertThat(chart.config("sessiongrid", "metrics", "max-app-tags")).isEqualTo(100_000);
        assertThat(chart.config("sessiongrid", "apps", "web", "max-sessions-per-member")).isEqualTo(3_000_000);
        assertThat(chart.config("sessiongrid", "apps", "web", "max-session-bytes")).isEqualTo(100_000_000);
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
