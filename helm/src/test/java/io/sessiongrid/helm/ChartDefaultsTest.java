package io.sessiongrid.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What `helm install sg ./helm/sessiongrid` with no values creates. */
class ChartDefaultsTest {

    private static RenderedChart chart;

    @BeforeAll
    static void render() {
        chart = RenderedChart.render();
    }

    @Test
    void rendersTheCoreResourcesTheTokensAndTheNetworkPolicyButNoOptionalOnes() {
        assertThat(chart.names()).containsExactlyInAnyOrder(
                "ConfigMap/sg-sessiongrid",
                "Secret/sg-sessiongrid-tokens",
                "Service/sg-sessiongrid",
                "Service/sg-sessiongrid-members",
                "StatefulSet/sg-sessiongrid",
                "PodDisruptionBudget/sg-sessiongrid",
                "NetworkPolicy/sg-sessiongrid");
        assertThat(chart.all(Ingress.class)).isEmpty();
        assertThat(chart.resources()).allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).isNull());
    }

    @Test
    void statefulSetRollsOnePodAtATimeBehindTheMembersService() {
        StatefulSet sts = chart.statefulSet();
        assertThat(sts.getSpec().getReplicas()).isEqualTo(3);
        assertThat(sts.getSpec().getServiceName()).isEqualTo("sg-sessiongrid-members");
        assertThat(sts.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(sts.getSpec().getUpdateStrategy().getRollingUpdate()).isNull();
        assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("OrderedReady");
        assertThat(sts.getSpec().getSelector().getMatchLabels())
                .isEqualTo(Map.of("app.kubernetes.io/name", "sessiongrid", "app.kubernetes.io/instance", "sg"));
        assertThat(chart.node().getImage()).isEqualTo("ghcr.io/sessiongrid/sessiongrid-node:0.1.0");
    }

    @Test
    void discoveryLooksUpTheHeadlessMembersServiceOnTheMemberPort() {
        Service members = chart.service(chart.statefulSet().getSpec().getServiceName());
        assertThat(members.getSpec().getClusterIP()).isEqualTo("None");
        // A new member only turns ready after joining, so it must be listed before it is ready.
        assertThat(members.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(ChartAssertions.selects(members.getSpec().getSelector(), podLabels())).isTrue();

        assertThat(chart.config("sessiongrid", "cluster", "discovery")).isEqualTo("KUBERNETES");
        assertThat(chart.config("sessiongrid", "cluster", "kubernetes-service-dns"))
                .isEqualTo(members.getMetadata().getName() + "." + RenderedChart.NAMESPACE + ".svc.cluster.local");
        int memberPort = (Integer) chart.config("sessiongrid", "cluster", "port");
        assertThat(memberPort).isEqualTo(5701);
        assertThat(members.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(memberPort);
            assertThat(p.getTargetPort()).isEqualTo(new IntOrString("member"));
        });
        assertThat(containerPort("member")).isEqualTo(memberPort);
        // The member announces the pod's own address.
        assertThat(env("SESSIONGRID_CLUSTER_INTERFACE").getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("status.podIP");
    }

    @Test
    void probesHitTheNodesHealthEndpointsOnItsHttpPort() {
        int httpPort = (Integer) chart.config("micronaut", "server", "port");
        assertThat(httpPort).isEqualTo(8080);
        assertThat(containerPort("http")).isEqualTo(httpPort);
        Container node = chart.node();
        assertProbe(node.getReadinessProbe(), ChartAssertions.READINESS_PATH);
        assertProbe(node.getLivenessProbe(), ChartAssertions.LIVENESS_PATH);
        assertProbe(node.getStartupProbe(), ChartAssertions.LIVENESS_PATH);
        assertThat(node.getStartupProbe().getFailureThreshold() * node.getStartupProbe().getPeriodSeconds())
                .isEqualTo(120);

        Service api = chart.service("sg-sessiongrid");
        assertThat(api.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(api.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(8080);
            assertThat(p.getTargetPort()).isEqualTo(new IntOrString("http"));
        });
        assertThat(ChartAssertions.selects(api.getSpec().getSelector(), podLabels())).isTrue();
    }

    @Test
    void podDisruptionBudgetLetsOneMemberGoAndSelectsExactlyTheStatefulSetsPods() {
        PodDisruptionBudget pdb = chart.one(PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        assertThat(pdb.getSpec().getMinAvailable()).isNull();
        assertThat(ChartAssertions.selects(pdb.getSpec().getSelector().getMatchLabels(), podLabels())).isTrue();
        // Another release's pods in the same namespace are not this budget's.
        Map<String, String> otherRelease = Map.of("app.kubernetes.io/name", "sessiongrid", "app.kubernetes.io/instance", "other");
        assertThat(ChartAssertions.selects(pdb.getSpec().getSelector().getMatchLabels(), otherRelease)).isFalse();
    }

    @Test
    void gracePeriodOutlastsThePreStopPauseTheDrainAndTheMembersShutdownTimeout() {
        Duration shutdown = seconds(chart.config("sessiongrid", "cluster", "shutdown-timeout"));
        Duration drain = seconds(chart.config("micronaut", "lifecycle", "graceful-shutdown", "grace-period"));
        assertThat(shutdown).isEqualTo(Duration.ofSeconds(120));
        assertThat(drain).isEqualTo(Duration.ofSeconds(15));
        assertThat(chart.node().getLifecycle().getPreStop().getExec().getCommand()).containsExactly("sleep", "5");
        long grace = chart.statefulSet().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertThat(grace).isEqualTo(150).isGreaterThan(5 + drain.toSeconds() + shutdown.toSeconds());
    }

    @Test
    void serviceLinkVariablesCannotOverrideTheNodeConfig() {
        // SESSIONGRID_CLUSTER_PORT=tcp://... from a Service named sessiongrid-cluster would outrank the file.
        assertThat(chart.statefulSet().getSpec().getTemplate().getSpec().getEnableServiceLinks()).isFalse();
    }

    @Test
    void podRunsAsNonRootOnAReadOnlyRootWithAScratchTmp() {
        PodSpec pod = chart.statefulSet().getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        Container node = chart.node();
        assertThat(node.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(node.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(node.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(node.getVolumeMounts()).extracting(VolumeMount::getMountPath)
                .containsExactlyInAnyOrder("/tmp", "/etc/sessiongrid", "/etc/sessiongrid-tokens");
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("tmp");
            assertThat(v.getEmptyDir()).isNotNull();
        });
    }

    @Test
    void nodeReadsTheConfigMapAndSizesItsHeapFromTheContainerLimit() {
        ConfigMap config = chart.one(ConfigMap.class);
        PodSpec pod = chart.statefulSet().getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getConfigMap().getName()).isEqualTo(config.getMetadata().getName()));
        assertThat(env("MICRONAUT_CONFIG_FILES").getValue())
                .isEqualTo("/etc/sessiongrid/sessiongrid.yml,/etc/sessiongrid-tokens/tokens.yml");
        assertThat(env("JAVA_TOOL_OPTIONS").getValue()).isEqualTo("-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError -XX:MaxTenuringThreshold=1");
        assertThat(chart.node().getResources().getLimits().get("memory").toString()).isEqualTo("1Gi");
        // Without apps or defaults the node keeps its built-in policy.
        assertThat(chart.configKeys("sessiongrid")).doesNotContain("apps", "defaults");
        assertThat(chart.config("sessiongrid", "limits", "max-request-bytes")).isEqualTo(1048576);
        assertThat(chart.config("sessiongrid", "strict-apps")).isEqualTo(false);
    }

    @Test
    void accessControlIsOnWithAGeneratedAdminTokenOfWhichTheNodesReadOnlyTheHash() throws Exception {
        Secret secret = chart.one(Secret.class);
        String token = decode(secret.getData().get("admin-token"));
        String tokensFile = decode(secret.getData().get("tokens.yml"));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));

        assertThat(token).hasSize(40).matches("[A-Za-z0-9]+");
        assertThat(tokensFile).isEqualTo("sessiongrid:\n  security:\n    tokens:\n      admin: { sha256: \"" + sha256
                + "\", apps: [\"*\"], scopes: [read, write, admin] }\n");
        assertThat(tokensFile).doesNotContain(token);
        PodSpec pod = chart.statefulSet().getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("tokens")).singleElement().satisfies(v -> {
            assertThat(v.getSecret().getSecretName()).isEqualTo("sg-sessiongrid-tokens");
            assertThat(v.getSecret().getItems()).singleElement().satisfies(item -> {
                assertThat(item.getKey()).isEqualTo("tokens.yml");
                assertThat(item.getPath()).isEqualTo("tokens.yml");
            });
        });
        assertThat(chart.node().getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("tokens");
            assertThat(m.getMountPath()).isEqualTo("/etc/sessiongrid-tokens");
            assertThat(m.getReadOnly()).isTrue();
        });
        // The pod address is served, with access control said explicitly (protected mode wants one or the other).
        assertThat(chart.config("micronaut", "server", "host")).isEqualTo("0.0.0.0");
        assertThat(chart.config("sessiongrid", "security", "enabled")).isEqualTo(true);
        assertThat(chart.config("sessiongrid", "security", "prometheus-requires-admin")).isEqualTo(true);
        assertThat(chart.config("sessiongrid", "rate-limits", "app", "requests-per-second")).isEqualTo(0);
        assertThat(RenderedChart.notes(Map.of())).contains("The chart generated an admin token for every app");
    }

    @Test
    void withoutAccessControlTheNodeIsToldExplicitlyAndNoTokenIsWired() {
        RenderedChart open = RenderedChart.render(Map.of("security.enabled", false));

        assertThat(open.config("sessiongrid", "security", "enabled")).isEqualTo(false);
        assertThat(open.all(Secret.class)).isEmpty();
        assertThat(open.statefulSet().getSpec().getTemplate().getSpec().getVolumes()).extracting(v -> v.getName())
                .containsExactly("config", "tmp");
        assertThat(open.node().getEnv()).filteredOn(e -> e.getName().equals("MICRONAUT_CONFIG_FILES"))
                .singleElement().satisfies(e -> assertThat(e.getValue()).isEqualTo("/etc/sessiongrid/sessiongrid.yml"));
        assertThat(RenderedChart.notes(Map.of("security.enabled", false)))
                .contains("Access control is off (security.enabled=false): anyone who reaches the HTTP port may read and change\n"
                        + "every session.");
    }

    @Test
    void withoutAStoreSessionsAreMemoryOnlyAndNoDatabaseCredentialIsWired() {
        assertThat(chart.configKeys("sessiongrid")).doesNotContain("store");
        assertThat(chart.configKeys("sessiongrid"))
                .containsExactly("cluster", "limits", "metrics", "rate-limits", "security", "strict-apps");
        assertThat(chart.node().getEnv()).extracting(EnvVar::getName)
                .containsExactly("SESSIONGRID_CLUSTER_INTERFACE", "MICRONAUT_CONFIG_FILES", "JAVA_TOOL_OPTIONS");
        assertThat(chart.node().getEnvFrom()).isEmpty();
        assertThat(chart.manifest()).doesNotContain("secretKeyRef").doesNotContain("SESSIONGRID_STORE");

        String notes = RenderedChart.notes(Map.of());
        assertThat(notes).contains("Sessions are memory-only (store.jdbcUrl is empty): a stop of every member at once (a full-cluster\n"
                + "restart, a Hazelcast minor upgrade, an outage) loses every session. Set store.jdbcUrl and\n"
                + "store.existingSecret to keep them in PostgreSQL.");
        assertThat(notes).doesNotContain("Durable tier").doesNotContain("WARNING");
    }

    @Test
    void membersPreferDifferentNodesThenDifferentZones() {
        List<WeightedPodAffinityTerm> terms = chart.statefulSet().getSpec().getTemplate().getSpec().getAffinity()
                .getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
        assertThat(terms).extracting(t -> t.getPodAffinityTerm().getTopologyKey() + "=" + t.getWeight())
                .containsExactly("kubernetes.io/hostname=100", "topology.kubernetes.io/zone=50");
        assertThat(terms).allSatisfy(t -> assertThat(
                ChartAssertions.selects(t.getPodAffinityTerm().getLabelSelector().getMatchLabels(), podLabels())).isTrue());
    }

    @Test
    void aChangedPolicyChangesThePodTemplateSoPodsRoll() {
        String before = chart.statefulSet().getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
        String after = RenderedChart.render(Map.of("policies.defaults.ttl", "1d")).statefulSet()
                .getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
        assertThat(before).hasSize(64);
        assertThat(after).hasSize(64).isNotEqualTo(before);
    }

    private static Duration seconds(Object value) {
        return Duration.parse("PT" + value.toString().toUpperCase());
    }

    private static Map<String, String> podLabels() {
        return chart.statefulSet().getSpec().getTemplate().getMetadata().getLabels();
    }

    private static int containerPort(String name) {
        return chart.node().getPorts().stream().filter(p -> p.getName().equals(name)).map(ContainerPort::getContainerPort)
                .findFirst().orElseThrow();
    }

    private static EnvVar env(String name) {
        return chart.node().getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
