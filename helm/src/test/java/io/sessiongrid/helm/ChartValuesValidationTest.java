package io.sessiongrid.helm;

import io.fabric8.kubernetes.api.model.EnvVar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
            "policies.defaults.durability          | ASYNC       | at '/policies/defaults/durability'",
            "policies.apps.web.durability          | write_through | at '/policies/apps/web/durability'",
            "policies.apps.web.write-delay         | 0s          | at '/policies/apps/web/write-delay'",
            "policies.defaults.write-delay         | 500ms       | at '/policies/defaults/write-delay'",
            "policies.apps.web.eager-load-window   | 1 hour      | at '/policies/apps/web/eager-load-window'",
            "store.jdbcUrl                         | jdbc:mysql://db:3306/sessions | at '/store/jdbcUrl'",
            "store.jdbcUrl                         | postgresql://db:5432/sessions | at '/store/jdbcUrl'",
            "store.jdbcUrl                         | jdbc:postgresql:sessions      | at '/store/jdbcUrl'",
            "store.poolSize                        | 0           | at '/store/poolSize'",
            "store.maxPendingWrites                | -1          | at '/store/maxPendingWrites'",
            "store.connectTimeoutSeconds           | 0           | at '/store/connectTimeoutSeconds'",
            "store.sweepIntervalSeconds            | 0           | at '/store/sweepIntervalSeconds'",
            "store.retryAfterSeconds               | 0           | at '/store/retryAfterSeconds'",
            "store.existingSecret                  | DB_Secret   | at '/store/existingSecret'",
            "store.passwordKey                     | \"\"          | at '/store/passwordKey'",
            "store.schema                          | Grid-1      | at '/store/schema'",
            "store.password                        | hunter2     | 'password'",
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
    void durablePoliciesWithoutAStoreAreRefusedBecauseEveryPodWouldCrashLoop() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("policies.defaults.durability", "WRITE_BEHIND",
                "policies.apps.payments.durability", "WRITE_THROUGH", "policies.apps.scratch.durability", "NONE")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("policies.defaults.durability is WRITE_BEHIND, policies.apps.payments.durability is"
                        + " WRITE_THROUGH but store.jdbcUrl is empty: the node refuses to start with a durable policy and"
                        + " no store, so every pod would crash-loop; set store.jdbcUrl (and store.existingSecret) or"
                        + " durability NONE");
        assertThatThrownBy(() -> RenderedChart.render(Map.of("policies.apps.web.durability", "WRITE_BEHIND")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("policies.apps.web.durability is WRITE_BEHIND but store.jdbcUrl is empty");
        // A Secret alone is no store.
        assertThatThrownBy(() -> RenderedChart.render(Map.of("policies.defaults.durability", "WRITE_THROUGH",
                "store.existingSecret", "sessiongrid-db")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("policies.defaults.durability is WRITE_THROUGH but store.jdbcUrl is empty");
    }

    @Test
    void memoryOnlyPoliciesNeedNoStoreAndDurableOnesRenderWithOne() {
        RenderedChart none = RenderedChart.render(Map.of("policies.defaults.durability", "NONE",
                "policies.apps.scratch.durability", "NONE", "policies.apps.scratch.write-delay", "5s"));
        assertThat(none.config("sessiongrid", "defaults")).isEqualTo(Map.of("durability", "NONE"));
        assertThat(none.config("sessiongrid", "apps", "scratch")).isEqualTo(Map.of("durability", "NONE", "write-delay", "5s"));
        assertThat(none.configKeys("sessiongrid")).doesNotContain("store");

        RenderedChart durable = RenderedChart.render(Map.of("store.jdbcUrl", "jdbc:postgresql://db:5432/sessions",
                "store.existingSecret", "sessiongrid-db", "policies.apps.payments.durability", "WRITE_THROUGH"));
        assertThat(durable.config("sessiongrid", "apps", "payments", "durability")).isEqualTo("WRITE_THROUGH");
        // The chart's defaults reach the node as its own defaults.
        assertThat(durable.config("sessiongrid", "store")).isEqualTo(Map.of(
                "jdbc-url", "jdbc:postgresql://db:5432/sessions", "username", "", "schema", "sessiongrid",
                "pool-size", 8, "connect-timeout", "5s", "sweep-interval", "30s", "max-pending-writes", 100000,
                "retry-after", "5s"));
        assertThat(durable.node().getEnv()).filteredOn(e -> e.getName().equals("SESSIONGRID_STORE_PASSWORD"))
                .singleElement().satisfies(e -> {
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("sessiongrid-db");
                    assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
                });
    }

    @Test
    void aSecretWithoutAStoreWiresNothing() {
        RenderedChart chart = RenderedChart.render(Map.of("store.existingSecret", "sessiongrid-db"));
        assertThat(chart.configKeys("sessiongrid")).doesNotContain("store");
        assertThat(chart.manifest()).doesNotContain("secretKeyRef").doesNotContain("SESSIONGRID_STORE");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://db:5432/sessions?user=sg&password=hunter2",
            "jdbc:postgresql://db:5432/sessions?PASSWORD=hunter2",
            "jdbc:postgresql://db:5432/sessions?sslmode=verify-full&sslpassword=hunter2",
    })
    void aPasswordInTheJdbcUrlIsRefusedBecauseTheUrlLandsInTheConfigMap(String url) {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("store.jdbcUrl", url, "store.existingSecret", "sessiongrid-db")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("store.jdbcUrl must not carry a password: the URL is written into the ConfigMap");
    }

    @Test
    void aUsernameKeyNeedsTheSecretAndExcludesAPlainUsername() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("store.jdbcUrl", "jdbc:postgresql://db:5432/sessions",
                "store.usernameKey", "username")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("store.usernameKey (username) names a key of store.existingSecret, which is empty");
        assertThatThrownBy(() -> RenderedChart.render(Map.of("store.jdbcUrl", "jdbc:postgresql://db:5432/sessions",
                "store.existingSecret", "sessiongrid-db", "store.usernameKey", "username", "store.username", "sg")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set store.username or store.usernameKey, not both");
    }

    @Test
    void aStoreWithoutASecretIsAllowedButNotesWarn() {
        // Passwordless authentication (trust, or a password the operator wires through extraEnv) is legitimate.
        Map<String, Object> noSecret = Map.of("store.jdbcUrl", "jdbc:postgresql://db:5432/sessions");
        RenderedChart chart = RenderedChart.render(noSecret);
        assertThat(chart.config("sessiongrid", "store", "jdbc-url")).isEqualTo("jdbc:postgresql://db:5432/sessions");
        assertThat(chart.node().getEnv()).extracting(EnvVar::getName)
                .containsExactly("SESSIONGRID_CLUSTER_INTERFACE", "MICRONAUT_CONFIG_FILES", "JAVA_TOOL_OPTIONS");
        assertThat(chart.manifest()).doesNotContain("secretKeyRef");
        assertThat(RenderedChart.notes(noSecret)).contains("WARNING: store.jdbcUrl is set but store.existingSecret is not,"
                + " so the members connect to\nPostgreSQL without a password.");

        Map<String, Object> passwordFromExtraEnv = Map.of("store.jdbcUrl", "jdbc:postgresql://db:5432/sessions",
                "extraEnv[0].name", "SESSIONGRID_STORE_PASSWORD",
                "extraEnv[0].valueFrom.secretKeyRef.name", "pg-app",
                "extraEnv[0].valueFrom.secretKeyRef.key", "password");
        assertThat(RenderedChart.notes(passwordFromExtraEnv)).doesNotContain("WARNING");
    }

    @Test
    void aServiceMonitorWithTheOperatorsTokensNeedsATokenForPrometheus() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("serviceMonitor.enabled", true,
                "security.existingSecret", "shop-tokens")))
                .hasMessageContaining("serviceMonitor.enabled with security.prometheusRequiresAdmin and security.existingSecret"
                        + " needs serviceMonitor.tokenSecret.name");
        assertThat(RenderedChart.render(Map.of("serviceMonitor.enabled", true, "security.existingSecret", "shop-tokens",
                "security.prometheusRequiresAdmin", false)).names()).contains("ServiceMonitor/sg-sessiongrid");
    }

    @Test
    void httpsServesThePortFromTheKeyStoreSecretAndProbesAndPrometheusFollow() {
        RenderedChart tls = RenderedChart.render(Map.of("http.tls.enabled", true, "http.tls.existingSecret", "sessions-tls",
                "http.tls.keyStoreKey", "keystore.pkcs12", "serviceMonitor.enabled", true,
                "serviceMonitor.tlsConfig.serverName", "sg-sessiongrid.prod.svc"));

        assertThat(tls.config("micronaut", "server", "ssl")).isEqualTo(Map.of("enabled", true, "port", 8080,
                "key-store", Map.of("path", "file:/etc/sessiongrid-tls/keystore.p12", "type", "PKCS12")));
        assertThat(tls.node().getEnv()).filteredOn(e -> e.getName().equals("MICRONAUT_SERVER_SSL_KEY_STORE_PASSWORD"))
                .singleElement().satisfies(e -> {
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("sessions-tls");
                    assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
                });
        assertThat(tls.statefulSet().getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(v -> v.getName().equals("tls")).singleElement().satisfies(v -> {
                    assertThat(v.getSecret().getSecretName()).isEqualTo("sessions-tls");
                    assertThat(v.getSecret().getItems()).singleElement().satisfies(item -> {
                        assertThat(item.getKey()).isEqualTo("keystore.pkcs12");
                        assertThat(item.getPath()).isEqualTo("keystore.p12");
                    });
                });
        assertThat(List.of(tls.node().getStartupProbe(), tls.node().getLivenessProbe(), tls.node().getReadinessProbe()))
                .allSatisfy(probe -> assertThat(probe.getHttpGet().getScheme()).isEqualTo("HTTPS"));
        assertThat(tls.manifest()).contains("scheme: https").contains("serverName: sg-sessiongrid.prod.svc");
        assertThat(tls.manifest()).doesNotContain("key-store:\n            password");
        assertThat(RenderedChart.render(Map.of()).node().getReadinessProbe().getHttpGet().getScheme()).isEqualTo("HTTP");
        assertThatThrownBy(() -> RenderedChart.render(Map.of("http.tls.enabled", true)))
                .hasMessageContaining("http.tls.enabled needs http.tls.existingSecret");
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
                "policies: { apps: { web: { max-sessions-per-member: 3000000, max-session-bytes: 100000000 } } }",
                "store: { jdbcUrl: 'jdbc:postgresql://db:5432/sessions', maxPendingWrites: 2000000, sweepIntervalSeconds: 86400 }",
                ""));
        RenderedChart chart = RenderedChart.render(values);
        assertThat(chart.manifest()).doesNotContainPattern("[0-9]e\\+[0-9]");
        assertThat(chart.statefulSet().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(100_000L);
        assertThat(chart.config("sessiongrid", "limits")).isEqualTo(Map.of("max-request-bytes", 16_000_000,
                "max-id-length", 1_000_000, "default-page-size", 1_000_000, "max-page-size", 2_000_000));
        assertThat(chart.config("sessiongrid", "metrics", "max-app-tags")).isEqualTo(100_000);
        assertThat(chart.config("sessiongrid", "apps", "web", "max-sessions-per-member")).isEqualTo(3_000_000);
        assertThat(chart.config("sessiongrid", "apps", "web", "max-session-bytes")).isEqualTo(100_000_000);
        assertThat(chart.config("sessiongrid", "store", "max-pending-writes")).isEqualTo(2_000_000);
        assertThat(chart.config("sessiongrid", "store", "sweep-interval")).isEqualTo("86400s");
    }

    @Test
    void aMajorityQuorumAndALongerGracePeriodAreAccepted() {
        RenderedChart chart = RenderedChart.render(Map.of("cluster.writeQuorum", 2,
                "cluster.shutdownTimeoutSeconds", 600, "terminationGracePeriodSeconds", 630));
        assertThat(chart.config("sessiongrid", "cluster", "write-quorum")).isEqualTo(2);
        assertThat(chart.config("sessiongrid", "cluster", "shutdown-timeout")).isEqualTo("600s");
    }

    @ParameterizedTest(name = "{0} replicas")
    @CsvSource({"3, 2", "4, 3", "5, 3", "2, 0", "1, 0"})
    void theDefaultQuorumIsAMajorityFromThreeMembers(int replicas, int quorum) {
        RenderedChart chart = RenderedChart.render(Map.of("replicaCount", replicas));
        assertThat(chart.config("sessiongrid", "cluster", "write-quorum")).isEqualTo(quorum);
    }

    @Test
    void aQuorumThatIsNeitherMajorityNorANumberIsRefused() {
        assertThatThrownBy(() -> RenderedChart.render(Map.of("cluster.writeQuorum", "half")))
                .hasMessageContaining("writeQuorum");
        assertThat(RenderedChart.render(Map.of("cluster.writeQuorum", 0)).config("sessiongrid", "cluster", "write-quorum"))
                .isEqualTo(0);
    }

    @Test
    void networkPolicyAdmitsTheDocumentedClientLabelWhenNoneIsGiven() {
        RenderedChart chart = RenderedChart.render(Map.of("networkPolicy.enabled", true));
        assertThat(chart.manifest()).contains("sessiongrid-client: \"true\"");
        assertThat(chart.one(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class).getSpec().getIngress().get(1)
                .getFrom().get(0).getPodSelector().getMatchLabels()).isEqualTo(Map.of("sessiongrid-client", "true"));
    }
}
