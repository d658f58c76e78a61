package io.sessiongrid.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessiongrid.client.Event;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators scrape and probe: per-operation timers by outcome and by app, the owned-sessions gauge, health. */
class OperationsEndpointsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.single();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void prometheusCountsOperationsByOutcomeAndOwnedSessions() throws Exception {
        try (SessionGridClient client = SessionGridClient.builder().endpoints(node.url()).build()) {
            client.createSession("metrics", "u", "a", null);
            client.createSession("metrics", "u", "b", null);
            client.createSession("other", "u", "c", null);
            client.appendEvent("metrics", "u", "a", Event.builder().author("x").build());
            assertThat(client.findSession("metrics", "u", "missing")).isEmpty();
        }

        String scrape = get("/prometheus").body();

        assertThat(sample(scrape, "sessiongrid_op_seconds_count{op=\"create\",outcome=\"ok\"}")).isEqualTo(3.0);
        assertThat(sample(scrape, "sessiongrid_op_seconds_count{op=\"append\",outcome=\"ok\"}")).isEqualTo(1.0);
        assertThat(sample(scrape, "sessiongrid_op_seconds_count{op=\"get\",outcome=\"session_not_found\"}")).isEqualTo(1.0);
        assertThat(sample(scrape, "sessiongrid_sessions_owned")).isEqualTo(3.0);
        // Per app, all outcomes together.
        assertThat(sample(scrape, "sessiongrid_app_op_seconds_count{app=\"metrics\",op=\"create\"}")).isEqualTo(2.0);
        assertThat(sample(scrape, "sessiongrid_app_op_seconds_count{app=\"other\",op=\"create\"}")).isEqualTo(1.0);
        assertThat(sample(scrape, "sessiongrid_app_op_seconds_count{app=\"metrics\",op=\"get\"}")).isEqualTo(1.0);
        assertThat(sample(scrape, "sessiongrid_app_op_seconds_bucket{app=\"metrics\",op=\"append\",le=\"+Inf\"}"))
                .isEqualTo(1.0);
    }

    @Test
    void livenessAndReadinessReportTheMember() throws Exception {
        HttpResponse<String> live = get("/health/liveness");
        // Readiness follows a background safety check that runs once a second from start.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> get("/health/readiness").statusCode() == 200);
        HttpResponse<String> ready = get("/health/readiness");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode hazelcast = new ObjectMapper().readTree(ready.body()).path("details").path("hazelcast");
        assertThat(hazelcast.path("status").asText()).isEqualTo("UP");
        assertThat(hazelcast.path("details").path("running").asBoolean()).isTrue();
        assertThat(hazelcast.path("details").path("clusterSize").asInt()).isEqualTo(1);
        assertThat(hazelcast.path("details").path("clusterSafe").asBoolean()).isTrue();
    }

    private static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("series %s in the scrape", series).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
