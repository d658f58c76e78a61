package io.sessiongrid.node.http;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.sessiongrid.node.support.TestCluster;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lifecycle routes over raw HTTP: exact JSON, exact problems, per-app policies from configuration. */
class LifecycleApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PROBLEMS = "https://sessiongrid.io/problems/";

    private static TestNode node;
    private static TestNode strictNode;

    @BeforeAll
    static void start() {
        node = start(Map.of());
        strictNode = start(Map.of("sessiongrid.strict-apps", true));
    }

    /** Apps configured the way an operator would write application.yml: durations and enum names as text. */
    private static TestNode start(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(Map.of(
                "sessiongrid.apps.web.max-idle", "30m",
                "sessiongrid.apps.web.max-sessions-per-user", 2,
                "sessiongrid.apps.web.max-event-bytes", 200,
                "sessiongrid.apps.agent.ttl", "7d",
                "sessiongrid.apps.agent.max-events", 2,
                "sessiongrid.apps.agent.events-overflow", "DROP_OLDEST",
                "sessiongrid.apps.agent.backup-count", 2,
                "sessiongrid.defaults.max-session-bytes", 4096));
        props.putAll(extra);
        int port = TestCluster.freePort();
        return TestNode.start("lifecycle-" + port, port, List.of("127.0.0.1:" + port), props);
    }

    @AfterAll
    static void stop() {
        node.close();
        strictNode.close();
    }

    @Test
    void showsEachAppsEffectivePolicy() throws Exception {
        assertThat(send(node, "GET", "/v1/apps/web/policy", null).body()).isEqualTo("{\"app\":\"web\",\"configured\":true,"
                + "\"ttlSeconds\":0,\"maxIdleSeconds\":1800,\"maxSessionsPerMember\":0,\"eviction\":\"LRU\",\"backupCount\":1,"
                + "\"asyncBackupCount\":0,\"maxSessionBytes\":4096,\"maxEventBytes\":200,\"maxEvents\":0,"
                + "\"eventsOverflow\":\"REJECT\",\"maxSessionsPerUser\":2,\"onUserLimit\":\"REJECT\","
                + "\"durability\":\"NONE\",\"writeDelaySeconds\":1,\"eagerLoadWindowSeconds\":3600}");
        assertThat(send(node, "GET", "/v1/apps/agent/policy", null).body()).isEqualTo("{\"app\":\"agent\",\"configured\":true,"
                + "\"ttlSeconds\":604800,\"maxIdleSeconds\":0,\"maxSessionsPerMember\":0,\"eviction\":\"LRU\",\"backupCount\":2,"
                + "\"asyncBackupCount\":0,\"maxSessionBytes\":4096,\"maxEventBytes\":1048576,\"maxEvents\":2,"
                + "\"eventsOverflow\":\"DROP_OLDEST\",\"maxSessionsPerUser\":0,\"onUserLimit\":\"REJECT\","
                + "\"durability\":\"NONE\",\"writeDelaySeconds\":1,\"eagerLoadWindowSeconds\":3600}");
        assertThat(send(node, "GET", "/v1/apps/misc/policy", null).body()).startsWith(
                "{\"app\":\"misc\",\"configured\":false,\"ttlSeconds\":0,\"maxIdleSeconds\":0,");
    }

    @Test
    void createShowsExpiryAndSizeAndRefusesALongerLifetimeThanTheApps() throws Exception {
        HttpResponse<String> created = send(node, "POST", "/v1/apps/agent/users/u/sessions",
                "{\"sessionId\":\"s1\",\"state\":{\"k\":\"v\"},\"ttlSeconds\":3600}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"version\":0,\"ttlSeconds\":3600,\"maxIdleSeconds\":0,\"sizeBytes\":4,"
                + "\"lastAccessTime\":").endsWith(",\"workerId\":null}");

        HttpResponse<String> tooLong = send(node, "POST", "/v1/apps/agent/users/u/sessions",
                "{\"sessionId\":\"s2\",\"ttlSeconds\":604801}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).isEqualTo("{\"type\":\"" + PROBLEMS + "invalid-request\",\"title\":\"Invalid request\","
                + "\"status\":400,\"detail\":\"ttlSeconds 604801 is longer than app 'agent' allows: at most 604800\","
                + "\"limit\":\"ttl\",\"maximum\":604800,\"size\":604801}");
        assertThat(send(node, "POST", "/v1/apps/agent/users/u/sessions", "{\"ttlSeconds\":\"1h\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void touchCountAndLogOutEverywhere() throws Exception {
        send(node, "POST", "/v1/apps/web/users/carol/sessions", "{\"sessionId\":\"a b\"}");
        send(node, "POST", "/v1/apps/web/users/carol/sessions", "{\"sessionId\":\"c:d\"}");

        assertThat(send(node, "POST", "/v1/apps/web/users/carol/sessions/a%20b:touch", null).statusCode()).isEqualTo(204);
        assertThat(send(node, "POST", "/v1/apps/web/users/carol/sessions/c%3Ad:touch", null).statusCode()).isEqualTo(204);
        HttpResponse<String> absent = send(node, "POST", "/v1/apps/web/users/carol/sessions/nope:touch", null);
        assertThat(absent.statusCode()).isEqualTo(404);
        assertThat(absent.body()).contains("\"type\":\"" + PROBLEMS + "session-not-found\"");

        assertThat(send(node, "GET", "/v1/apps/web/users/carol/sessions:count", null).body()).isEqualTo("{\"count\":2}");
        HttpResponse<String> full = send(node, "POST", "/v1/apps/web/users/carol/sessions", "{\"sessionId\":\"third\"}");
        assertThat(full.statusCode()).isEqualTo(409);
        assertThat(full.body()).isEqualTo("{\"type\":\"" + PROBLEMS + "user-session-limit\",\"title\":\"User session limit reached\","
                + "\"status\":409,\"detail\":\"User 'carol' already holds 2 sessions in app 'web', the most it allows\","
                + "\"limit\":\"max-sessions-per-user\",\"maximum\":2,\"size\":2}");

        HttpResponse<String> deleted = send(node, "DELETE", "/v1/apps/web/users/carol/sessions", null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{\"deleted\":2}");
        assertThat(send(node, "GET", "/v1/apps/web/users/carol/sessions:count", null).body()).isEqualTo("{\"count\":0}");
    }

    @Test
    void sizeLimitsAnswer413NamingTheLimitAndDropOldestSaysWhatItDropped() throws Exception {
        send(node, "POST", "/v1/apps/web/users/dave/sessions", "{\"sessionId\":\"s\"}");
        String big = "{\"id\":\"big\",\"author\":\"u\",\"timestamp\":1700000000.5,\"content\":{\"text\":\"" + "x".repeat(200) + "\"}}";
        HttpResponse<String> refused = send(node, "POST", "/v1/apps/web/users/dave/sessions/s/events", big);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(refused.body()).isEqualTo("{\"type\":\"" + PROBLEMS + "policy-violation\",\"title\":\"Policy limit exceeded\","
                + "\"status\":413,\"detail\":\"App 'web' allows max-event-bytes = 200; this request would reach 272\","
                + "\"limit\":\"max-event-bytes\",\"maximum\":200,\"size\":272}");
        assertThat(send(node, "GET", "/v1/apps/web/users/dave/sessions/s", null).headers().firstValue("ETag")).contains("\"0\"");

        send(node, "POST", "/v1/apps/agent/users/erin/sessions", "{\"sessionId\":\"s\"}");
        HttpResponse<String> last = null;
        for (int i = 1; i <= 3; i++) {
            last = send(node, "POST", "/v1/apps/agent/users/erin/sessions/s/events", "{\"id\":\"e" + i + "\",\"author\":\"u\"}");
            assertThat(last.statusCode()).isEqualTo(200);
        }
        assertThat(last.headers().firstValue("Sessiongrid-Dropped-Events")).contains("1");
        assertThat(last.headers().firstValue("ETag")).contains("\"3\"");

        String metrics = send(node, "GET", "/prometheus", null).body();
        assertThat(metrics).contains("sessiongrid_violations_total{app=\"web\",kind=\"max-event-bytes\"} 1.0")
                .contains("sessiongrid_violations_total{app=\"agent\",kind=\"events-dropped\"} 1.0");
    }

    @Test
    void strictAppsRefuseUnknownAppsAndServeConfiguredOnes() throws Exception {
        HttpResponse<String> unknown = send(strictNode, "POST", "/v1/apps/misc/users/u/sessions", "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"type\":\"" + PROBLEMS + "app-not-found\",\"title\":\"App not configured\","
                + "\"status\":404,\"detail\":\"App 'misc' is not configured on this grid (strict apps)\"}");
        assertThat(send(strictNode, "GET", "/v1/apps/misc/policy", null).statusCode()).isEqualTo(404);
        assertThat(send(strictNode, "GET", "/v1/apps/misc/users/u/sessions:count", null).statusCode()).isEqualTo(404);
        assertThat(send(strictNode, "GET", "/v1/apps/misc/state", null).statusCode()).isEqualTo(404);
        assertThat(send(strictNode, "POST", "/v1/apps/web/users/u/sessions", "{}").statusCode()).isEqualTo(201);
    }

    @Test
    void aContradictoryPolicyStopsTheNodeAtStartWithTheKeyNamed() {
        int port = TestCluster.freePort();
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "sessiongrid.cluster.name", "bad-" + port,
                "sessiongrid.cluster.port", port,
                "sessiongrid.apps.bad.max-sessions-per-member", 10,
                "sessiongrid.apps.bad.eviction", "NONE")))
                .hasStackTraceContaining("Invalid policy sessiongrid.apps.bad: max-sessions-per-member needs eviction LRU or LFU");
    }

    private static HttpResponse<String> send(TestNode target, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
