package io.sessiongrid.client;

import static io.sessiongrid.client.internal.ScriptedExchange.A;
import static io.sessiongrid.client.internal.ScriptedExchange.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessiongrid.client.internal.ApiRequest;
import io.sessiongrid.client.internal.ApiResponse;
import io.sessiongrid.client.internal.FailoverTransport;
import io.sessiongrid.client.internal.FakeClock;
import io.sessiongrid.client.internal.Reply;
import io.sessiongrid.client.internal.ScriptedExchange;
import io.sessiongrid.client.internal.Transport;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which calls the client lets the transport repeat, and what it makes of the answer to a repeat: against
 * the real retry loop with scripted attempts on two endpoints and a fake clock.
 */
class SessionGridClientRetryTest {

    private static final String SESSION_JSON = "{\"id\":\"s/1\",\"appName\":\"app\",\"userId\":\"u\","
            + "\"state\":{},\"events\":[],\"createTime\":1.5,\"lastUpdateTime\":1.5,\"version\":0}";
    private static final String PROBLEM = "application/problem+json";
    private static final String SESSION_EXISTS = "{\"type\":\"https://sessiongrid.io/problems/session-exists\","
            + "\"status\":409,\"detail\":\"session 's/1' exists\"}";
    private static final String USER_SESSION_LIMIT = "{\"type\":\"https://sessiongrid.io/problems/"
            + "user-session-limit\",\"status\":409,\"limit\":\"max-sessions-per-user\",\"maximum\":1,\"size\":1}";
    private static final String SESSIONS = "http://%s:8080 POST /v1/apps/app/users/u/sessions";

    private final FakeClock clock = new FakeClock();
    private final ScriptedExchange exchange = new ScriptedExchange(clock);
    private final SessionGridClient client = new SessionGridClient(new FailoverTransport(List.of(A, B),
            Duration.ofSeconds(5), RetryPolicy.defaults().withMaxAttempts(3), exchange, clock, () -> 1.0));

    @Test
    void createWithAnIdWhoseRepeatMeetsTheSessionReturnsTheSession() {
        exchange.timeOut()
                .answer(409, Map.of("Content-Type", PROBLEM), SESSION_EXISTS)
                .answer(200, Map.of("ETag", "\"0\""), SESSION_JSON);

        Session session = client.createSession("app", "u", "s/1", Map.of("k", "v"));

        assertThat(exchange.sent()).containsExactly(SESSIONS.formatted("a"), SESSIONS.formatted("b"),
                "http://b:8080 GET /v1/apps/app/users/u/sessions/s%2F1");
        assertThat(body(exchange.attempts().get(1).request()))
                .isEqualTo(body(exchange.attempts().get(0).request()))
                .isEqualTo("{\"sessionId\":\"s/1\",\"state\":{\"k\":\"v\"}}");
        assertThat(session.id()).isEqualTo("s/1");
        assertThat(session.version()).isZero();
    }

    @Test
    void createWithAnIdThatMet503FirstAlsoTakesTheConflictAsItsOwnCreate() {
        exchange.unavailable()
                .answer(409, Map.of("Content-Type", PROBLEM), SESSION_EXISTS)
                .answer(200, Map.of(), SESSION_JSON);

        Session session = client.createSession("app", "u",
                CreateSessionOptions.builder().sessionId("s/1").workerId("w").build());

        assertThat(exchange.attempts()).extracting(a -> a.request().method()).containsExactly("POST", "POST", "GET");
        assertThat(session.id()).isEqualTo("s/1");
    }

    @Test
    void createWithAnIdMeetingTheSessionOnItsFirstAttemptIsARealConflict() {
        exchange.answer(409, Map.of("Content-Type", PROBLEM), SESSION_EXISTS);

        assertThatThrownBy(() -> client.createSession("app", "u", "s/1", null))
                .isExactlyInstanceOf(SessionExistsException.class)
                .hasMessage("HTTP 409: session 's/1' exists [https://sessiongrid.io/problems/session-exists]");
        assertThat(exchange.sent()).containsExactly(SESSIONS.formatted("a"));
    }

    @Test
    void createWithAnIdMeetingTheSessionAfterOnlyAFailedConnectIsARealConflict() {
        // The first attempt sent nothing, so it cannot have created the session.
        exchange.refuseConnection().answer(409, Map.of("Content-Type", PROBLEM), SESSION_EXISTS);

        assertThatThrownBy(() -> client.createSession("app", "u", "s/1", null))
                .isExactlyInstanceOf(SessionExistsException.class);
        assertThat(exchange.sent()).containsExactly(SESSIONS.formatted("a"), SESSIONS.formatted("b"));
    }

    @Test
    void createWithAnIdWhoseRepeatMeetsAnotherConflictThrowsIt() {
        exchange.timeOut().answer(409, Map.of("Content-Type", PROBLEM), USER_SESSION_LIMIT);

        assertThatThrownBy(() -> client.createSession("app", "u", "s/1", null))
                .isExactlyInstanceOf(PolicyViolationException.class);
        assertThat(exchange.sent()).containsExactly(SESSIONS.formatted("a"), SESSIONS.formatted("b"));
    }

    @Test
    void createWithoutAnIdIsNotRepeatedAfterATimeout() {
        exchange.timeOut();

        assertThatThrownBy(() -> client.createSession("app", "u"))
                .isExactlyInstanceOf(SessionGridTransportException.class)
                .hasMessage("POST /v1/apps/app/users/u/sessions failed after 1 attempt (not idempotent, and it "
                        + "may have reached the node); last at http://a:8080: java.net.http.HttpTimeoutException: "
                        + "request timed out");
        assertThat(exchange.sent()).containsExactly(SESSIONS.formatted("a"));
    }

    @Test
    void createWithoutAnIdIsNotRepeatedAfterA503ButSaysHowManyAttemptsItMade() {
        exchange.unavailable();

        assertThatThrownBy(() -> client.createSession("app", "u"))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.status()).isEqualTo(503);
                })
                .hasMessage("HTTP 503 Service unavailable: This node is shutting down; use another node "
                        + "[https://sessiongrid.io/problems/unavailable] (after 1 attempt)");
        assertThat(exchange.sent()).containsExactly(SESSIONS.formatted("a"));
    }

    @Test
    void createWithoutAnIdFailsOverAfterAFailedConnect() {
        exchange.refuseConnection().answer(201, Map.of(), SESSION_JSON);

        assertThat(client.createSession("app", "u").id()).isEqualTo("s/1");
        assertThat(exchange.sent()).containsExactly(SESSIONS.formatted("a"), SESSIONS.formatted("b"));
    }

    @Test
    void readThatMeets503OnEveryAttemptThrowsServiceUnavailableWithTheAttemptCount() {
        exchange.unavailable().unavailable().unavailable();

        assertThatThrownBy(() -> client.getSession("app", "u", "s"))
                .isInstanceOfSatisfying(ServiceUnavailableException.class,
                        e -> assertThat(e.attempts()).isEqualTo(3))
                .hasMessageEndingWith("[https://sessiongrid.io/problems/unavailable] (after 3 attempts)");
        assertThat(exchange.attempts()).extracting(ScriptedExchange.Attempt::endpoint).containsExactly(A, B, A);
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void appendIsRepeatedWithTheSameGeneratedEventId() {
        exchange.timeOut().answer(200, Map.of("ETag", "\"2\"", "Sessiongrid-Replayed", "true"), "{\"id\":\"e\"}");

        AppendResult result = client.appendEvent("app", "u", "s", Event.builder().author("user").build(), 1);

        assertThat(exchange.attempts()).hasSize(2);
        ApiRequest first = exchange.attempts().get(0).request();
        ApiRequest second = exchange.attempts().get(1).request();
        assertThat(body(second)).isEqualTo(body(first)).startsWith("{\"id\":\"");
        assertThat(second.headers()).isEqualTo(first.headers()).containsEntry("If-Match", "\"1\"");
        assertThat(result.replayed()).isTrue();
    }

    @Test
    void everyCallSaysWhetherItIsSafeToRepeat() {
        List<String> sent = new ArrayList<>();
        List<String> bodies = new ArrayList<>(List.of(SESSION_JSON, SESSION_JSON, SESSION_JSON, "", "",
                "{\"deleted\":1}", "{\"sessions\":[]}", "{\"count\":1}", "{\"sessions\":[]}", "{\"deleted\":1}",
                "{\"sessionId\":\"s\",\"userId\":\"u\",\"workerId\":\"w\"}",
                "{\"sessionId\":\"s\",\"userId\":\"u\",\"workerId\":\"w\"}", "{\"sessions\":[]}", "{\"count\":1}",
                "{\"total\":1,\"workers\":{\"w\":1}}", "{\"moved\":1,\"remaining\":0}", "{\"deleted\":1}",
                "{\"id\":\"e\"}", "{\"events\":[]}", "{\"state\":{}}", "{\"state\":{}}", "{}"));
        Transport recording = new Transport() {
            @Override
            public Reply send(ApiRequest request) {
                sent.add((request.idempotent() ? "retried     " : "not retried ") + request);
                return Reply.of(new ApiResponse(200, HttpHeaders.of(Map.of(), (n, v) -> true),
                        bodies.remove(0).getBytes(StandardCharsets.UTF_8)));
            }

            @Override
            public void close() {
            }
        };
        SessionGridClient recorded = new SessionGridClient(recording);

        recorded.createSession("app", "u");
        recorded.createSession("app", "u", "s", null);
        recorded.getSession("app", "u", "s");
        recorded.touchSession("app", "u", "s");
        recorded.deleteSession("app", "u", "s");
        recorded.deleteUserSessions("app", "u");
        recorded.listSessions("app", "u", null);
        recorded.countUserSessions("app", "u");
        recorded.listSessions("app", null);
        recorded.sweepIdleSessions("app", Duration.ofSeconds(60));
        recorded.setWorker("app", "u", "s", "w");
        recorded.findRoute("app", "s");
        recorded.listWorkerSessions("app", "w", null);
        recorded.countWorkerSessions("app", "w");
        recorded.countWorkerSessions("app", List.of("w"));
        recorded.rerouteWorker("app", "w", "w2");
        recorded.deleteWorkerSessions("app", "w");
        recorded.appendEvent("app", "u", "s", Event.builder().id("e").build());
        recorded.listEvents("app", "u", "s", null, null);
        recorded.getAppState("app");
        recorded.getUserState("app", "u");
        recorded.getPolicy("app");

        assertThat(sent).containsExactly(
                "not retried POST /v1/apps/app/users/u/sessions",
                "retried     POST /v1/apps/app/users/u/sessions",
                "retried     GET /v1/apps/app/users/u/sessions/s",
                "retried     POST /v1/apps/app/users/u/sessions/s:touch",
                "retried     DELETE /v1/apps/app/users/u/sessions/s",
                "not retried DELETE /v1/apps/app/users/u/sessions",
                "retried     GET /v1/apps/app/users/u/sessions",
                "retried     GET /v1/apps/app/users/u/sessions:count",
                "retried     GET /v1/apps/app/sessions",
                "not retried POST /v1/apps/app/sessions:sweep-idle",
                "retried     PUT /v1/apps/app/users/u/sessions/s/worker",
                "retried     GET /v1/apps/app/sessions/s/route",
                "retried     GET /v1/apps/app/workers/w/sessions",
                "retried     GET /v1/apps/app/workers/w/count",
                "retried     POST /v1/apps/app/workers:count",
                "not retried POST /v1/apps/app/workers/w:reroute",
                "not retried DELETE /v1/apps/app/workers/w/sessions",
                "retried     POST /v1/apps/app/users/u/sessions/s/events",
                "retried     GET /v1/apps/app/users/u/sessions/s/events",
                "retried     GET /v1/apps/app/state",
                "retried     GET /v1/apps/app/users/u/state",
                "retried     GET /v1/apps/app/policy");
    }

    private static String body(ApiRequest request) {
        return new String(request.body(), StandardCharsets.UTF_8);
    }
}
