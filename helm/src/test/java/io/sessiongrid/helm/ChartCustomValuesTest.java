package io.sessiongrid.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An operator's values file ({@code values-custom.yaml}): every setting lands where the node and Kubernetes read it. */
class ChartCustomValuesTest {

    static final Path VALUES = RenderedChart.testValues("values-custom.yaml");
    /** The durable tier on top of {@link #VALUES} (kept apart: ChartStartsNodeIT runs VALUES without a database). */
    static final Path STORE_VALUES = RenderedChart.testValues("values-store.yaml");
    private static RenderedChart chart;
    private static RenderedChart durable;

    @BeforeAll
    static void render() {
        chart = RenderedChart.render(VALUES);
        durable = RenderedChart.render(VALUES, STORE_VALUES);
    }

    @Test
    void renamesEveryResourceAndTakesTheImageAndSize() {
        assertThat(chart.names()).containsExactlyInAnyOrder(
                "ConfigMap/sessions", "Service/sessions", "Service/sessions-members", "StatefulSet/sessions",
                "PodDisruptionBudget/sessions", "ServiceMonitor/sessions", "NetworkPolicy/sessions", "Ingress/sessions");
        assertThat(chart.statefulSet().getSpec().getReplicas()).isEqualTo(5);
        assertThat(chart.node().getImage()).isEqualTo("registry.example.com/sessiongrid-node:0.1.0-rc1");
        assertThat(chart.node().getResources().getLimits().get("memory").toString()).isEqualTo("4Gi");
    }

    @Test
    void portsAgreeBetweenNodeConfigContainerProbesAndServices() {
        assertThat(chart.config("micronaut", "server", "port")).isEqualTo(9090);
        assertThat(chart.config("sessiongrid", "cluster", "port")).isEqualTo(5801);
        Container node = chart.node();
        assertThat(node.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
                .containsExactlyInAnyOrder("http:9090", "member:5801");
        assertThat(node.getReadinessProbe().getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
        assertThat(node.getLivenessProbe().getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
        Service api = chart.service("sessions");
        assertThat(api.getSpec().getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getPort() + "->" + p.getTargetPort().getStrVal()).isEqualTo("80->http"));
        Service members = chart.service("sessions-members");
        assertThat(members.getSpec().getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getPort() + "->" + p.getTargetPort().getStrVal()).isEqualTo("5801->member"));
        assertThat(chart.config("sessiongrid", "cluster", "kubernetes-service-dns"))
                .isEqualTo("sessions-members.prod.svc.cluster.local");
    }

    @Test
    void clusterSettingsAndGracePeriodReachTheNode() {
        assertThat(chart.config("sessiongrid", "cluster", "name")).isEqualTo("shop-sessions");
        assertThat(chart.config("sessiongrid", "cluster", "partition-count")).isEqualTo(1021);
        assertThat(chart.config("sessiongrid", "cluster", "shutdown-timeout")).isEqualTo("300s");
        assertThat(chart.config("sessiongrid", "cluster", "write-quorum")).isEqualTo(3);
        assertThat(chart.statefulSet().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(360L);
    }

    @Test
    void perAppPoliciesReachTheNodeConfigExactlyAsGiven() throws IOException {
        Map<?, ?> values = new ObjectMapper(new YAMLFactory()).readValue(VALUES.toFile(), Map.class);
        Map<?, ?> policies = (Map<?, ?>) values.get("policies");
        assertThat(chart.config("sessiongrid", "apps")).isEqualTo(policies.get("apps"));
        assertThat(chart.config("sessiongrid", "defaults")).isEqualTo(policies.get("defaults"));
        assertThat(chart.config("sessiongrid", "apps", "web", "max-sessions-per-member")).isEqualTo(100000);
        assertThat(chart.config("sessiongrid", "apps", "agent", "ttl")).isEqualTo("7d");
        assertThat(chart.config("sessiongrid", "strict-apps")).isEqualTo(true);
        assertThat(chart.config("sessiongrid", "limits")).isEqualTo(Map.of(
                "max-request-bytes", 2097152, "max-id-length", 256, "default-page-size", 100, "max-page-size", 500));
    }

    @Test
    void theStoreReachesTheNodeConfigWithoutThePassword() {
        assertThat(chart.configKeys("sessiongrid")).doesNotContain("store");
        assertThat(durable.config("sessiongrid", "store")).isEqualTo(Map.of(
                "jdbc-url", "jdbc:postgresql://pg-rw.db.svc:5432/sessions?sslmode=verify-full",
                "username", "sessiongrid",
                "schema", "grid",
                "pool-size", 12,
                "connect-timeout", "3s",
                "sweep-interval", "60s",
                "max-pending-writes", 250000,
                "retry-after", "2s"));
        assertThat(durable.nodeConfigText()).doesNotContainPattern("(?im)^\\s*password\\s*:");
        // Everything else of the custom values is unchanged.
        assertThat(durable.config("sessiongrid", "cluster")).isEqualTo(chart.config("sessiongrid", "cluster"));
        assertThat(durable.config("sessiongrid", "limits")).isEqualTo(chart.config("sessiongrid", "limits"));
    }

    @Test
    void thePasswordComesFromTheExistingSecretThroughTheEnvironmentOnly() {
        assertThat(durable.node().getEnv()).extracting(EnvVar::getName).containsExactly(
                "SESSIONGRID_CLUSTER_INTERFACE", "MICRONAUT_CONFIG_FILES", "JAVA_TOOL_OPTIONS", "SESSIONGRID_STORE_PASSWORD");
        EnvVar password = env(durable, "SESSIONGRID_STORE_PASSWORD");
        assertThat(password.getValue()).isNull();
        assertThat(password.getValueFrom()).isEqualTo(new EnvVarSourceBuilder()
                .withNewSecretKeyRef().withName("sessiongrid-db").withKey("db-password").endSecretKeyRef().build());
        assertThat(durable.node().getEnvFrom()).isEmpty();
        assertThat(chart.node().getEnv()).extracting(EnvVar::getName).doesNotContain("SESSIONGRID_STORE_PASSWORD");
        // A store changes the node config, so turning it on rolls the pods.
        assertThat(checksum(durable)).isNotEqualTo(checksum(chart));
    }

    @Test
    void theUserCanComeFromTheSecretToo() {
        RenderedChart fromSecret = RenderedChart.render(Map.of("store.username", "", "store.usernameKey", "username"),
                VALUES, STORE_VALUES);
        assertThat(fromSecret.node().getEnv()).extracting(EnvVar::getName).endsWith(
                "SESSIONGRID_STORE_PASSWORD", "SESSIONGRID_STORE_USERNAME");
        assertThat(env(fromSecret, "SESSIONGRID_STORE_USERNAME").getValueFrom()).isEqualTo(new EnvVarSourceBuilder()
                .withNewSecretKeyRef().withName("sessiongrid-db").withKey("username").endSecretKeyRef().build());
        assertThat(env(fromSecret, "SESSIONGRID_STORE_PASSWORD").getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo("db-password");
        // The node would read an empty username from the file only to have the variable override it.
        assertThat(fromSecret.configKeys("sessiongrid", "store")).doesNotContain("username", "password");
    }

    @Test
    void durabilityPoliciesReachTheNodeConfigExactlyAsGiven() {
        assertThat(durable.config("sessiongrid", "defaults")).isEqualTo(Map.of(
                "max-idle", "1h", "max-session-bytes", 4194304,
                "durability", "WRITE_BEHIND", "write-delay", "2s", "eager-load-window", "6h"));
        assertThat(durable.config("sessiongrid", "apps", "payments")).isEqualTo(Map.of("durability", "WRITE_THROUGH"));
        assertThat(durable.config("sessiongrid", "apps", "scratch")).isEqualTo(Map.of("durability", "NONE", "max-idle", "10m"));
        assertThat(durable.configKeys("sessiongrid", "apps")).containsExactly("agent", "payments", "scratch", "web");
    }

    @Test
    void notesNameTheStoreTheSecretAndEachAppsDurability() {
        String notes = RenderedChart.notes(Map.of(), VALUES, STORE_VALUES);
        assertThat(notes).contains("Durable tier: PostgreSQL jdbc:postgresql://pg-rw.db.svc:5432/sessions?sslmode=verify-full\n"
                + "  (schema grid; password from Secret sessiongrid-db, key db-password)\n"
                + "Durability: WRITE_BEHIND by default; payments WRITE_THROUGH, scratch NONE.\n");
        assertThat(notes).doesNotContain("memory-only").doesNotContain("without a password");
    }

    @Test
    void jvmOptionsAndAffinityFollowTheValues() {
        EnvVar options = chart.node().getEnv().stream().filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS")).findFirst().orElseThrow();
        assertThat(options.getValue()).isEqualTo("-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError -XX:MaxTenuringThreshold=0 -XX:+UseZGC");
        assertThat(chart.statefulSet().getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution())
                .extracting(t -> t.getPodAffinityTerm().getTopologyKey()).containsExactly("kubernetes.io/hostname");
    }

    @Test
    void serviceMonitorScrapesPrometheusThroughTheApiServiceOnly() {
        GenericKubernetesResource monitor = chart.all(GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals("ServiceMonitor")).findFirst().orElseThrow();
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
        Map<String, Object> spec = monitor.get("spec");
        @SuppressWarnings("unchecked")
        Map<String, Object> endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).get(0);
        assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/prometheus").containsEntry("interval", "30s");
        // /prometheus requires an admin token: Prometheus sends the one in the operator's Secret.
        assertThat(endpoint.get("authorization")).isEqualTo(Map.of("type", "Bearer",
                "credentials", Map.of("name", "prometheus-sessions", "key", "bearer")));
        @SuppressWarnings("unchecked")
        Map<String, String> selector = (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
        // Matches the API Service and not the headless one, so each member is scraped once.
        assertThat(ChartAssertions.selects(selector, chart.service("sessions").getMetadata().getLabels())).isTrue();
        assertThat(ChartAssertions.selects(selector, chart.service("sessions-members").getMetadata().getLabels())).isFalse();
    }

    @Test
    void tokensComeFromTheOperatorsSecretAndRateLimitsReachTheNodeConfig() throws IOException {
        assertThat(chart.names()).doesNotContain("Secret/sessions-tokens");
        assertThat(chart.statefulSet().getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(v -> v.getName().equals("tokens")).singleElement().satisfies(v -> {
                    assertThat(v.getSecret().getSecretName()).isEqualTo("shop-tokens");
                    assertThat(v.getSecret().getItems()).singleElement().satisfies(item -> {
                        assertThat(item.getKey()).isEqualTo("api-tokens.yml");
                        assertThat(item.getPath()).isEqualTo("tokens.yml");
                    });
                });
        assertThat(chart.config("sessiongrid", "rate-limits")).isEqualTo(Map.of(
                "app", Map.of("requests-per-second", 200, "burst", 400),
                "apps", Map.of("web", Map.of("requests-per-second", 1000, "burst", 2000)),
                "token", Map.of("requests-per-second", 100, "burst", 0)));
        assertThat(RenderedChart.notes(Map.of(), VALUES)).contains("Tokens: the hashes in Secret shop-tokens, key api-tokens.yml.");
    }

    @Test
    void networkPolicyOpensTheMemberPortToOwnPodsAndHttpToLabelledClients() {
        NetworkPolicy policy = chart.one(NetworkPolicy.class);
        Map<String, String> pods = chart.statefulSet().getSpec().getTemplate().getMetadata().getLabels();
        assertThat(ChartAssertions.selects(policy.getSpec().getPodSelector().getMatchLabels(), pods)).isTrue();
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
        assertThat(rules).hasSize(2);

        NetworkPolicyIngressRule members = ruleFor(rules, "member");
        assertThat(members.getFrom()).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector()).isNull();
            assertThat(ChartAssertions.selects(peer.getPodSelector().getMatchLabels(), pods)).isTrue();
        });
        NetworkPolicyIngressRule http = ruleFor(rules, "http");
        assertThat(http.getFrom()).hasSize(2);
        NetworkPolicyPeer clients = http.getFrom().get(0);
        assertThat(clients.getPodSelector().getMatchLabels()).isEqualTo(Map.of("role", "shop-frontend"));
        assertThat(http.getFrom().get(1).getNamespaceSelector().getMatchLabels())
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
    }

    @Test
    void ingressRoutesTheHostToTheApiService() {
        Ingress ingress = chart.one(Ingress.class);
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(t -> {
            assertThat(t.getSecretName()).isEqualTo("sessions-tls");
            assertThat(t.getHosts()).containsExactly("sessions.example.com");
        });
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isEqualTo("sessions.example.com");
            assertThat(rule.getHttp().getPaths()).singleElement().satisfies(path -> {
                assertThat(path.getPath() + " " + path.getPathType()).isEqualTo("/v1 Prefix");
                IngressBackend backend = path.getBackend();
                assertThat(backend.getService().getName()).isEqualTo("sessions");
                assertThat(backend.getService().getPort().getName()).isEqualTo("http");
            });
        });
    }

    private static EnvVar env(RenderedChart rendered, String name) {
        return rendered.node().getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static String checksum(RenderedChart rendered) {
        return rendered.statefulSet().getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
    }

    private static NetworkPolicyIngressRule ruleFor(List<NetworkPolicyIngressRule> rules, String port) {
        return rules.stream().filter(r -> r.getPorts().stream().map(NetworkPolicyPort::getPort)
                .anyMatch(p -> port.equals(p.getStrVal()))).findFirst().orElseThrow();
    }
}
