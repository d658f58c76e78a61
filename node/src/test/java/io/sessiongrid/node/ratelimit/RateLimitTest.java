package io.sessiongrid.node.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sessiongrid.client.PageRequest;
import io.sessiongrid.client.RateLimitedException;
import io.sessiongrid.client.RetryPolicy;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.node.support.SecuredNode;
import io.sessiongrid.node.support.TestCluster;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Token buckets per app and per token on a real node: a burst over the limit gets 429 with Retry-After,
 * and after that wait calls succeed again; the SDK waits by itself within its deadline.
 */
class RateLimitTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OPS = "sg_rate_ops_51c0";
    private static final String METERED = "sg_rate_metered_9d2e";

    private static TestNode node;

    @BeforeAll
    static void start() {
        Map<String, Object> props = new HashMap<>();
        props.put("sessiongrid.security.enabled", true);
        props.put("sessiongrid.security.prometheus-requires-admin", false);
        props.put("sessiongrid.security.tokens.ops.sha256", SecuredNode.sha256Hex(OPS));
        props.put("sessiongrid.security.tokens.ops.apps", List.of("*"));
        props.put("sessiongrid.security.tokens.ops.scopes", List.of("read", "write", "admin"));
        props.put("sessiongrid.security.tokens.metered.sha256", SecuredNode.sha256Hex(METERED));
        props.put("sessiongrid.security.tokens.metered.apps", List.of("free", "free-too"));
        props.put("sessiongrid.security.tokens.metered.scopes", List.of("read"));
        props.put("sessiongrid.security.tokens.metered.requests-per-second", 1);
        props.put("sessiongrid.security.tokens.metered.burst", 2);
        // Every app: a burst of 3, then one request a second; "free" has no limit of its own.
        props.put("sessiongrid.rate-limits.app.requests-per-second", 1);
        props.put("sessiongrid.rate-limits.app.burst", 3);
        props.put("sessiongrid.rate-limits.apps.free.requests-per-second", 0);
        props.put("sessiongrid.rate-limits.apps.free-too.requests-per-second", 0);
        int port = TestCluster.freePort();
        node = TestNode.start("rate-" + port, port, List.of("127.0.0.1:" + port), props);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void burstOverTheAppLimitGets429WithRetryAfterThenCallsSucceedAgain() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(list("burst", OPS).statusCode());
        }
        HttpResponse<String> refused = list("burst", OPS);

        assertThat(statuses).containsExactly(200, 200, 200);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        JsonNode problem = MAPPER.readTree(refused.body());
        assertThat(problem.path("type").asText()).isEqualTo("https://sessiongrid.io/problems/rate-limited");
        assertThat(problem.path("limit").asText()).isEqualTo("app");
        assertThat(problem.path("detail").asText()).isEqualTo("The app 'burst' is over its rate limit of 1 requests per"
                + " second (burst 3) on this node; retry after 1 second");

        Thread.sleep(Duration.ofSeconds(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).toMillis());
        assertThat(list("burst", OPS).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokensOwnLimitAppliesAcrossItsApps() throws Exception {
        assertThat(list("free", METERED).statusCode()).isEqualTo(200);
        assertThat(list("free-too", METERED).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = list("free", METERED);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(MAPPER.readTree(refused.body()).path("limit").asText()).isEqualTo("token");
        assertThat(list("free-too", METERED).statusCode()).isEqualTo(429);
        // Another token is not held back by this one's bucket.
        assertThat(list("free", OPS).statusCode()).isEqualTo(200);
    }

    @Test
    void refusedCallsAreCountedAndDoNotDrainTheBucket() throws Exception {
        MeterRegistry registry = node.context().getBean(MeterRegistry.class);
        for (int i = 0; i < 5; i++) {
            assertThat(list("counted", "not-a-token").statusCode()).isEqualTo(401);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(list("counted", OPS).statusCode()).isEqualTo(200);
        }
        assertThat(list("counted", OPS).statusCode()).isEqualTo(429);
        assertThat(list("counted", OPS).statusCode()).isEqualTo(429);

        Counter rate = registry.find("sessiongrid.rejected").tag("app", "counted").tag("reason", "rate").counter();
        assertThat(rate).isNotNull();
        assertThat(rate.count()).isEqualTo(2.0);
        // With prometheus-requires-admin false, the scrape needs no token.
        HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("sessiongrid_rejected_total{app=\"counted\",reason=\"rate\"} 2.0");
    }

    @Test
    void sdkWaitsRetryAfterWithinItsDeadlineAndOtherwiseThrowsRateLimited() {
        try (SessionGridClient patient = SessionGridClient.builder().endpoints(node.url()).token(OPS).build();
             SessionGridClient hasty = SessionGridClient.builder().endpoints(node.url()).token(OPS)
                     .retryPolicy(RetryPolicy.defaults().withDeadline(Duration.ofMillis(500))).build()) {
            for (int i = 0; i < 3; i++) {
                patient.listSessions("sdk", PageRequest.first());
            }

            assertThatThrownBy(() -> hasty.listSessions("sdk", PageRequest.first()))
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                        assertThat(e.status()).isEqualTo(429);
                        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
                    });
            assertThat(patient.listSessions("sdk", PageRequest.first()).sessions()).isEmpty();
        }
    }

    private static HttpResponse<String> list(String app, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "/v1/apps/" + app + "/sessions"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
