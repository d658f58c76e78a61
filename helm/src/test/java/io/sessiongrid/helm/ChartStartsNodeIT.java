package io.sessiongrid.helm;

import com.fasterxml.jackson.databind.node.IntNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.sessiongrid.client.AppNotFoundException;
import io.sessiongrid.client.AppPolicy;
import io.sessiongrid.client.Event;
import io.sessiongrid.client.EventActions;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.client.UnauthorizedException;
import io.sessiongrid.node.process.NodeProcess;
import io.sessiongrid.node.support.FreePort;
import io.sessiongrid.node.support.SecuredNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The chart's rendered node configuration, run as pods run it: node processes that get only what
 * the StatefulSet gives a pod (the ConfigMap file through {@code MICRONAUT_CONFIG_FILES}, their own
 * address as {@code SESSIONGRID_CLUSTER_INTERFACE}, the JVM options) and find each other by Kubernetes
 * DNS discovery of the members Service's name. Each "pod" has its own loopback address (127.0.0.2,
 * 127.0.0.3, ... on Linux; not 127.0.0.1, which is this host's own interface address as a pod's IP is
 * its own) so all use the rendered ports, and a hosts file stands in for cluster DNS.
 */
class ChartStartsNodeIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> POD_IPS = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");
    private static final String TOKEN = "sg_chart_it_7c3e19";

    private final List<NodeProcess> nodes = new ArrayList<>();
    private final int httpPort = FreePort.next();
    private final int memberPort = FreePort.next();

    @AfterEach
    void stopNodes() {
        nodes.stream().filter(NodeProcess::alive).forEach(NodeProcess::kill);
    }

    @Test
    void renderedConfigurationFormsOneClusterByDnsWithThePoliciesTheValuesGave(@TempDir Path dir) throws Exception {
        RenderedChart chart = render(Map.of());
        Path hosts = hostsFile(dir, chart);
        NodeProcess first = startPod(chart, dir, hosts, 0);
        NodeProcess second = startPod(chart, dir, hosts, 1);
        first.awaitReady(START);
        second.awaitReady(START);

        Container pod = chart.node();
        for (NodeProcess node : nodes) {
            HttpResponse<String> readiness = get(node, pod.getReadinessProbe().getHttpGet().getPath(), TOKEN);
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"clusterSize\":2");
            // Two pods of the values' five replicas: the rendered expected-members lets /health say "2 of 5".
            assertThat(readiness.body()).contains("\"configuredMembers\":5");
            assertThat(get(node, pod.getLivenessProbe().getHttpGet().getPath()).statusCode()).isEqualTo(200);
            assertThat(get(node, pod.getStartupProbe().getHttpGet().getPath()).statusCode()).isEqualTo(200);
        }

        try (SessionGridClient client = SessionGridClient.builder().endpoints(first.url(), second.url()).token(TOKEN).build()) {
            assertThat(client.getPolicy("web")).isEqualTo(new AppPolicy("web", true, Duration.ZERO, Duration.ofMinutes(30),
                    100_000, "LFU", 1, 0, 4_194_304, 1_048_576, 0, "REJECT", 5, "EVICT_OLDEST", "NONE", Duration.ofSeconds(1),
                    Duration.ofHours(1)));
            assertThat(client.getPolicy("agent")).isEqualTo(new AppPolicy("agent", true, Duration.ofDays(7), Duration.ofHours(1),
                    0, "LRU", 2, 0, 4_194_304, 1_048_576, 10_000, "DROP_OLDEST", 0, "REJECT", "NONE", Duration.ofSeconds(1),
                    Duration.ofHours(1)));
            // strictApps: true
            assertThatThrownBy(() -> client.getPolicy("unknown")).isInstanceOf(AppNotFoundException.class);
        }
        // Access control is on: the probes' /health is open, the API is not.
        try (SessionGridClient anonymous = SessionGridClient.builder().endpoints(first.url()).build()) {
            assertThatThrownBy(() -> anonymous.getPolicy("web")).isInstanceOf(UnauthorizedException.class);
        }
        // One grid: written through one pod, read through the other.
        try (SessionGridClient viaFirst = SessionGridClient.builder().endpoints(first.url()).token(TOKEN).build();
             SessionGridClient viaSecond = SessionGridClient.builder().endpoints(second.url()).token(TOKEN).build()) {
            assertThat(viaSecond.createSession("agent", "alice", "s-1", Map.of("step", 0)).version()).isZero();
            viaFirst.appendEvent("agent", "alice", "s-1", Event.builder().author("agent")
                    .actions(EventActions.ofStateDelta(Map.of("step", IntNode.valueOf(1)))).build());
            Session read = viaSecond.getSession("agent", "alice", "s-1");
            assertThat(read.events()).hasSize(1);
            assertThat(read.state()).containsEntry("step", IntNode.valueOf(1));
        }
    }

    @Test
    void aPodThatCannotJoinTheRunningMembersNeverTurnsReady(@TempDir Path dir) throws Exception {
        RenderedChart chart = render(Map.of());
        Path hosts = hostsFile(dir, chart);
        startPod(chart, dir, hosts, 0).awaitReady(START);
        startPod(chart, dir, hosts, 1).awaitReady(START);

        // An upgrade that changed the cluster name: the new pod's members Service still lists the old pods.
        RenderedChart changed = render(Map.of("cluster.name", "renamed"));
        NodeProcess renamed = startPod(changed, dir, hosts, 2);
        String unjoined = "\"unjoinedMembers\":[\"127.0.0.2:" + memberPort + "\",\"127.0.0.3:" + memberPort + "\"]";
        await().atMost(START).pollInterval(Duration.ofMillis(250)).until(() -> {
            HttpResponse<String> readiness = renamed.readiness(TOKEN);
            return readiness != null && readiness.body().contains(unjoined);
        });
        // It stays out of service, so a rolling update halts here instead of moving pods into a second cluster.
        for (int i = 0; i < 3; i++) {
            Thread.sleep(1_000);
            HttpResponse<String> readiness = renamed.readiness(TOKEN);
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("\"clusterSize\":1").contains(unjoined);
        }
        assertThat(nodes.get(0).readiness(TOKEN).body()).contains("\"clusterSize\":2");
    }

    /** values-custom.yaml with free ports and no write quorum (it asks for 3 of 5; two pods would refuse writes). */
    private RenderedChart render(Map<String, Object> sets) {
        Map<String, Object> all = new LinkedHashMap<>(Map.of("http.port", httpPort, "cluster.memberPort", memberPort,
                "cluster.writeQuorum", 0));
        all.putAll(sets);
        return RenderedChart.render(all, ChartCustomValuesTest.VALUES);
    }

    /** Cluster DNS: the members Service's name lists every pod's address, ready or not. */
    private static Path hostsFile(Path dir, RenderedChart chart) throws IOException {
        String service = chart.config("sessiongrid", "cluster", "kubernetes-service-dns").toString();
        StringBuilder hosts = new StringBuilder();
        POD_IPS.forEach(ip -> hosts.append(ip).append(' ').append(service).append('\n'));
        return Files.writeString(dir.resolve("hosts"), hosts.toString());
    }

    /** Pod {@code ordinal}, given what the rendered StatefulSet gives its container. */
    private NodeProcess startPod(RenderedChart chart, Path dir, Path hosts, int ordinal) throws IOException {
        String ip = POD_IPS.get(ordinal);
        Path config = Files.writeString(dir.resolve("sessiongrid-" + ordinal + ".yml"), chart.nodeConfigText());
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : chart.node().getEnv()) {
            if (var.getValue() != null) {
                env.put(var.getName(), var.getValue());
            }
        }
        assertThat(env.remove("MICRONAUT_CONFIG_FILES"))
                .isEqualTo("/etc/sessiongrid/sessiongrid.yml,/etc/sessiongrid-tokens/tokens.yml");
        // What the operator's Secret (security.existingSecret) would hold: one token's hash.
        Path tokens = Files.writeString(dir.resolve("tokens-" + ordinal + ".yml"), """
                sessiongrid:
                  security:
                    tokens:
                      ops: { sha256: "%s", apps: ["*"], scopes: [read, write, admin] }
                """.formatted(SecuredNode.sha256Hex(TOKEN)));
        env.put("MICRONAUT_CONFIG_FILES", config + "," + tokens);
        env.put("SESSIONGRID_CLUSTER_INTERFACE", ip); // status.podIP
        env.put("MICRONAUT_SERVER_HOST", ip);          // a pod binds all its interfaces; here they are shared
        NodeProcess node = NodeProcess.startAsPod("chart-pod-" + ordinal + "-" + chart.config("sessiongrid", "cluster", "name"),
                ip, httpPort, memberPort, env,
                List.of("-Xmx384m", "-Djdk.net.hosts.file=" + hosts.toAbsolutePath(),
                        // Only 127.0.0.1 is an interface address here; a pod's IP is one of its interfaces.
                        "-Dhazelcast.local.localAddress=" + ip));
        nodes.add(node);
        return node;
    }

    private static HttpResponse<String> get(NodeProcess node, String path) throws IOException, InterruptedException {
        return get(node, path, null);
    }

    /** With a token: the health details are only for an admin token of every app. */
    private static HttpResponse<String> get(NodeProcess node, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path)).timeout(Duration.ofSeconds(5));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
