package io.sessiongrid.node.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.sessiongrid.node.support.SecuredNode;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.util.Map;

import static io.sessiongrid.node.support.SecuredNode.AGENT_RW;
import static io.sessiongrid.node.support.SecuredNode.OPS;
import static io.sessiongrid.node.support.SecuredNode.WEB_RO;
import static io.sessiongrid.node.support.SecuredNode.call;
import static org.assertj.core.api.Assertions.assertThat;

/** Tokens, apps and scopes against a real node: who may do what, and what a refusal looks like. */
class AccessControlTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> TOKENS = Map.of("agent-rw", AGENT_RW, "web-ro", WEB_RO, "ops", OPS);

    private static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = SecuredNode.start(Map.of());
        for (String app : new String[] {"agent", "web", "proxy"}) {
            HttpResponse<String> created = call(node, "POST", "/v1/apps/" + app + "/users/u/sessions", OPS,
                    "{\"sessionId\":\"s\",\"state\":{\"owner\":\"" + app + "\"}}");
            assertThat(created.statusCode()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** The matrix: 3 apps x 3 tokens x a read, a write and an admin route. */
    @ParameterizedTest(name = "{0} {1} in {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            agent-rw | read  | agent | 200
            agent-rw | write | agent | 204
            agent-rw | admin | agent | 403
            agent-rw | read  | web   | 403
            agent-rw | write | web   | 403
            agent-rw | admin | web   | 403
            agent-rw | read  | proxy | 403
            agent-rw | write | proxy | 403
            agent-rw | admin | proxy | 403
            web-ro   | read  | agent | 403
            web-ro   | write | agent | 403
            web-ro   | admin | agent | 403
            web-ro   | read  | web   | 200
            web-ro   | write | web   | 403
            web-ro   | admin | web   | 403
            web-ro   | read  | proxy | 403
            web-ro   | write | proxy | 403
            web-ro   | admin | proxy | 403
            ops      | read  | agent | 200
            ops      | write | agent | 204
            ops      | admin | agent | 200
            ops      | read  | web   | 200
            ops      | write | web   | 204
            ops      | admin | web   | 200
            ops      | read  | proxy | 200
            ops      | write | proxy | 204
            ops      | admin | proxy | 200
            """)
    void matrix(String token, String route, String app, int status) throws Exception {
        HttpResponse<String> response = switch (route) {
            case "read" -> call(node, "GET", "/v1/apps/" + app + "/users/u/sessions/s", TOKENS.get(token), null);
            case "write" -> call(node, "POST", "/v1/apps/" + app + "/users/u/sessions/s:touch", TOKENS.get(token), null);
            case "admin" -> call(node, "GET", "/v1/apps/" + app + "/policy", TOKENS.get(token), null);
            default -> throw new IllegalArgumentException(route);
        };

        assertThat(response.statusCode()).isEqualTo(status);
        if (status == 403) {
            JsonNode problem = MAPPER.readTree(response.body());
            assertThat(problem.path("type").asText()).isEqualTo("https://sessiongrid.io/problems/forbidden");
            assertThat(problem.path("detail").asText()).isEqualTo("This token lacks the " + route + " scope for app '" + app + "'");
            assertThat(response.body()).doesNotContain("owner");
        }
        if (route.equals("read") && status == 200) {
            assertThat(MAPPER.readTree(response.body()).path("state").path("owner").asText()).isEqualTo(app);
        }
    }

    @Test
    void forbiddenAnswerIsTheSameForAnExistingAndAnAbsentSession() throws Exception {
        HttpResponse<String> existing = call(node, "GET", "/v1/apps/web/users/u/sessions/s", AGENT_RW, null);
        HttpResponse<String> absent = call(node, "GET", "/v1/apps/web/users/u/sessions/no-such", AGENT_RW, null);
        HttpResponse<String> absentApp = call(node, "GET", "/v1/apps/nowhere/users/u/sessions/s", AGENT_RW, null);

        assertThat(existing.statusCode()).isEqualTo(403);
        assertThat(absent.statusCode()).isEqualTo(403);
        assertThat(absent.body()).isEqualTo(existing.body());
        assertThat(absent.headers().map().keySet()).isEqualTo(existing.headers().map().keySet());
        assertThat(absentApp.statusCode()).isEqualTo(403);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            <none>              | Bearer realm="sessiongrid"
            Bearer not-a-token  | Bearer realm="sessiongrid", error="invalid_token"
            Bearer              | Bearer realm="sessiongrid", error="invalid_token"
            Basic b3BzOm9wcw==  | Bearer realm="sessiongrid", error="invalid_token"
            """)
    void missingOrUnknownTokenGets401WithABearerChallenge(String authorization, String challenge) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(node.url() + "/v1/apps/agent/users/u/sessions/s"));
        if (!authorization.equals("<none>")) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains(challenge);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(MAPPER.readTree(response.body()).path("type").asText()).isEqualTo("https://sessiongrid.io/problems/unauthorized");
        assertThat(response.body()).doesNotContain("owner");
    }

    @Test
    void twoTokensForOneAppWorkSideBySideSoClientsMoveWithoutDowntime() throws Exception {
        HttpResponse<String> current = call(node, "GET", "/v1/apps/agent/users/u/sessions/s", AGENT_RW, null);
        HttpResponse<String> next = call(node, "GET", "/v1/apps/agent/users/u/sessions/s", SecuredNode.AGENT_RW_NEXT, null);

        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(next.body()).path("state")).isEqualTo(MAPPER.readTree(current.body()).path("state"));
        assertThat(call(node, "GET", "/v1/apps/web/users/u/sessions/s", SecuredNode.AGENT_RW_NEXT, null).statusCode())
                .isEqualTo(403);
    }

    @Test
    void managementEndpointsOtherThanHealthAndPrometheusAreOff() throws Exception {
        for (String path : new String[] {"/beans", "/routes", "/env", "/info", "/metrics", "/threaddump", "/loggers"}) {
            assertThat(call(node, "GET", path, OPS, null).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void healthIsOpenAndPrometheusNeedsAnAdminTokenForEveryApp() throws Exception {
        assertThat(call(node, "GET", "/health", null, null).statusCode()).isEqualTo(200);
        assertThat(call(node, "GET", "/health/readiness", null, null).statusCode()).isEqualTo(200);
        assertThat(call(node, "GET", "/prometheus", null, null).statusCode()).isEqualTo(401);
        assertThat(call(node, "GET", "/prometheus", AGENT_RW, null).statusCode()).isEqualTo(403);
        HttpResponse<String> scrape = call(node, "GET", "/prometheus", OPS, null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("sessiongrid_rejected_total");
    }

    @Test
    void healthDetailsAreForAnAdminTokenOfEveryAppOnly() throws Exception {
        String anonymous = call(node, "GET", "/health", null, null).body();
        String appToken = call(node, "GET", "/health", AGENT_RW, null).body();
        String admin = call(node, "GET", "/health", OPS, null).body();

        // The node's JSON keeps null members (serialization inclusion "always"): status only.
        String statusOnly = "{\"name\":null,\"status\":\"UP\",\"details\":null}";
        assertThat(anonymous).isEqualTo(statusOnly);
        assertThat(appToken).isEqualTo(statusOnly);
        assertThat(call(node, "GET", "/health/readiness", WEB_RO, null).body()).isEqualTo(statusOnly);
        assertThat(admin).contains("\"details\"").contains("\"clusterSize\":1");
    }

    @Test
    void aValidTokenLearnsOnlyThatAnUnknownPathIsNotFound() throws Exception {
        assertThat(call(node, "GET", "/v1/nowhere", AGENT_RW, null).statusCode()).isEqualTo(404);
        assertThat(call(node, "GET", "/v1/nowhere", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void refusalsAreCountedByAppAndReason() throws Exception {
        MeterRegistry registry = node.context().getBean(MeterRegistry.class);
        double scopeBefore = count(registry, "web", "scope");
        double authBefore = count(registry, "agent", "auth");

        call(node, "POST", "/v1/apps/web/users/u/sessions/s:touch", WEB_RO, null);
        call(node, "POST", "/v1/apps/web/users/u/sessions/s:touch", AGENT_RW, null);
        call(node, "GET", "/v1/apps/agent/users/u/sessions/s", "wrong", null);

        assertThat(count(registry, "web", "scope") - scopeBefore).isEqualTo(2.0);
        assertThat(count(registry, "agent", "auth") - authBefore).isEqualTo(1.0);
    }

    @Test
    void workerCountsAreAReadAndRerouteIsAdmin() throws Exception {
        String workers = "{\"workers\":[\"w1\"]}";
        assertThat(call(node, "POST", "/v1/apps/web/workers:count", WEB_RO, workers).statusCode()).isEqualTo(200);
        assertThat(call(node, "POST", "/v1/apps/agent/workers/w1:reroute", AGENT_RW, "{\"to\":\"w2\"}").statusCode())
                .isEqualTo(403);
        assertThat(call(node, "POST", "/v1/apps/agent/sessions:sweep-idle", AGENT_RW, "{\"maxIdleSeconds\":60}").statusCode())
                .isEqualTo(403);
        assertThat(call(node, "DELETE", "/v1/apps/agent/workers/w1/sessions", AGENT_RW, null).statusCode()).isEqualTo(403);
        assertThat(call(node, "DELETE", "/v1/apps/agent/workers/w1/sessions", OPS, null).statusCode()).isEqualTo(200);
    }

    private static double count(MeterRegistry registry, String app, String reason) {
        var counter = registry.find("sessiongrid.rejected").tag("app", app).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
