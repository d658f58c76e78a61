package io.sessiongrid.helm;

import com.fasterxml.jackson.databind.node.IntNode;
import io.fabric8.kubernetes.api.model.Container;
import io.sessiongrid.client.AppNotFoundException;
import io.sessiongrid.client.AppPolicy;
import io.sessiongrid.client.Event;
import io.sessiongrid.client.EventActions;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.node.process.NodeProcess;
import io.sessiongrid.node.support.FreePort;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The node configuration the chart renders, run as it is in real node processes: one joins through
 * the Kubernetes DNS discovery the chart configures (the members Service's name replaced by
 * {@code localhost}), one through TCP/IP on loopback. Both must start, form one cluster, answer the
 * probe paths the StatefulSet uses and report exactly the per-app policies the values file gave.
 */
class ChartStartsNodeIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final List<NodeProcess> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.stream().filter(NodeProcess::alive).forEach(NodeProcess::kill);
    }

    @Test
    void renderedConfigurationStartsAClusterWithThePoliciesTheValuesGave(@TempDir Path dir) throws Exception {
        RenderedChart chart = RenderedChart.render(ChartCustomValuesTest.VALUES);
        Path config = Files.writeString(dir.resolve("sessiongrid.yml"), chart.nodeConfigText());
        int memberA = FreePort.next();
        // The values ask for a write quorum of 3 (of 5 replicas); two processes here would refuse writes.
        String noQuorum = "-Dsessiongrid.cluster.write-quorum=0";

        NodeProcess viaDns = start("chart-dns", config, memberA, List.of(noQuorum,
                "-Dsessiongrid.cluster.kubernetes-service-dns=localhost"));
        viaDns.awaitReady(START);
        NodeProcess viaTcp = start("chart-tcp", config, FreePort.next(), List.of(noQuorum,
                "-Dsessiongrid.cluster.discovery=TCP_IP",
                "-Dsessiongrid.cluster.members=127.0.0.1:" + memberA));
        viaTcp.awaitReady(START);

        Container probed = chart.node();
        for (NodeProcess node : nodes) {
            HttpResponse<String> readiness = get(node, probed.getReadinessProbe().getHttpGet().getPath());
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"clusterSize\":2");
            assertThat(get(node, probed.getLivenessProbe().getHttpGet().getPath()).statusCode()).isEqualTo(200);
            assertThat(get(node, probed.getStartupProbe().getHttpGet().getPath()).statusCode()).isEqualTo(200);
        }

        try (SessionGridClient client = SessionGridClient.builder().endpoints(viaDns.url(), viaTcp.url()).build()) {
            assertThat(client.getPolicy("web")).isEqualTo(new AppPolicy("web", true, Duration.ZERO, Duration.ofMinutes(30),
                    100_000, "LFU", 1, 0, 4_194_304, 1_048_576, 0, "REJECT", 5, "EVICT_OLDEST"));
            assertThat(client.getPolicy("agent")).isEqualTo(new AppPolicy("agent", true, Duration.ofDays(7), Duration.ofHours(1),
                    0, "LRU", 2, 0, 4_194_304, 1_048_576, 10_000, "DROP_OLDEST", 0, "REJECT"));
            // strictApps: true
            assertThatThrownBy(() -> client.getPolicy("unknown")).isInstanceOf(AppNotFoundException.class);

            // Both processes serve one grid: written through one, read through the other.
            try (SessionGridClient dnsOnly = SessionGridClient.builder().endpoints(viaDns.url()).build();
                 SessionGridClient tcpOnly = SessionGridClient.builder().endpoints(viaTcp.url()).build()) {
                Session created = tcpOnly.createSession("agent", "alice", "s-1", Map.of("step", 0));
                assertThat(created.version()).isZero();
                dnsOnly.appendEvent("agent", "alice", "s-1", Event.builder().author("agent")
                        .actions(EventActions.ofStateDelta(Map.of("step", IntNode.valueOf(1)))).build());
                Session read = tcpOnly.getSession("agent", "alice", "s-1");
                assertThat(read.events()).hasSize(1);
                assertThat(read.state()).containsEntry("step", IntNode.valueOf(1));
            }
        }
    }

    private NodeProcess start(String name, Path config, int memberPort, List<String> properties) {
        NodeProcess node = NodeProcess.startWithConfigFile(name, config, FreePort.next(), memberPort, properties);
        nodes.add(node);
        return node;
    }

    private static HttpResponse<String> get(NodeProcess node, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
