package io.sessiongrid.node.http;

import io.sessiongrid.node.support.TestCluster;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A side of the cluster below the write quorum refuses session calls with a retryable 503: writes,
 * and reads too, since they run as entry processors, which Hazelcast counts as writes (a get also
 * records an access). Counts, plain aggregations, still answer.
 */
class WriteQuorumTest {

    @Test
    void aLoneMemberBelowTheQuorumRefusesSessionCallsAndStillCounts() throws Exception {
        int port = TestCluster.freePort();
        try (TestNode node = TestNode.start("quorum-" + port, port, List.of("127.0.0.1:" + port),
                Map.of("sessiongrid.cluster.write-quorum", 2))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> write = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/v1/apps/q/users/u/sessions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(write.statusCode()).isEqualTo(503);
            assertThat(write.body()).isEqualTo("{\"type\":\"https://sessiongrid.io/problems/unavailable\","
                    + "\"title\":\"Service unavailable\",\"status\":503,\"detail\":\"This node's side of the cluster has"
                    + " too few members to accept writes (sessiongrid.cluster.write-quorum); retry on another node or later\"}");

            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/v1/apps/q/users/u/sessions/s"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(503);
            HttpResponse<String> count = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/v1/apps/q/users/u/sessions:count"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(count.body()).isEqualTo("{\"count\":0}");
        }
    }
}
