package io.sessiongrid.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessiongrid.client.internal.ApiRequest;
import io.sessiongrid.client.internal.ApiResponse;
import io.sessiongrid.client.internal.Reply;
import io.sessiongrid.client.internal.Transport;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Request building and response reading, against a scripted transport instead of a server. */
class SessionGridClientTest {

    private static final String SESSION_JSON = "{\"id\":\"s/1\",\"appName\":\"app\",\"userId\":\"u\","
            + "\"state\":{\"k\":1.10},\"events\":[],\"createTime\":1.5,\"lastUpdateTime\":2.5,\"version\":0}";

    private final ScriptedTransport transport = new ScriptedTransport();
    private final SessionGridClient client = new SessionGridClient(transport);

    @Test
    void appendGivesAnIdToEventsWithoutOneAndReadsVersionAndReplay() {
        transport.respond(200, Map.of("ETag", "\"4\"", "Sessiongrid-Replayed", "true"),
                "{\"id\":\"stored\",\"author\":\"user\",\"timestamp\":1700000000.5}");

        AppendResult result = client.appendEvent("app", "u", "s 1", Event.builder().author("user").build(), 3);

        ApiRequest sent = transport.onlyRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.target().target()).isEqualTo("/v1/apps/app/users/u/sessions/s%201/events");
        assertThat(sent.headers()).containsEntry("If-Match", "\"3\"")
                .containsEntry("Content-Type", "application/json");
        assertThat(body(sent)).matches(
                "\\{\"id\":\"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\",\"author\":\"user\"}");
        assertThat(result).isEqualTo(new AppendResult(
                new Event("stored", null, "user", 1700000000.5, null, null, null, Map.of()), 4L, true, 0));
    }

    @Test
    void appendReadsHowManyOldEventsTheNodeDropped() {
        transport.respond(200, Map.of("ETag", "\"9\"", "Sessiongrid-Dropped-Events", "3"), "{\"id\":\"e\"}");

        AppendResult result = client.appendEvent("app", "u", "s", Event.builder().id("e").build());

        assertThat(result.droppedEvents()).isEqualTo(3);
        assertThat(result.version()).isEqualTo(9L);
    }

    @Test
    void unreadableDroppedEventsHeaderReadsAsZeroBecauseTheEventIsStoredAnyway() {
        transport.respond(200, Map.of("Sessiongrid-Dropped-Events", "many"), "{\"id\":\"e\"}");
        transport.respond(200, Map.of("Sessiongrid-Dropped-Events", "-2"), "{\"id\":\"e\"}");

        assertThat(client.appendEvent("app", "u", "s", Event.builder().id("e").build()).droppedEvents()).isZero();
        assertThat(client.appendEvent("app", "u", "s", Event.builder().id("e").build()).droppedEvents()).isZero();
        assertThatThrownBy(() -> new AppendResult(Event.builder().build(), 1L, false, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("droppedEvents must be >= 0 but was -1");
    }

    @Test
    void appendOverAnAppLimitThrowsPolicyViolationWithTheLimit() {
        transport.respond(413, Map.of("Content-Type", "application/problem+json"),
                "{\"type\":\"https://sessiongrid.io/problems/policy-violation\",\"title\":\"Policy violation\","
                        + "\"status\":413,\"detail\":\"session would exceed 100 events\","
                        + "\"limit\":\"max-events\",\"maximum\":100,\"size\":101}");

        assertThatThrownBy(() -> client.appendEvent("app", "u", "s", Event.builder().id("e").build()))
                .isInstanceOfSatisfying(PolicyViolationException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.limit()).isEqualTo(PolicyViolationException.MAX_EVENTS);
                    assertThat(e.maximum()).isEqualTo(100L);
                    assertThat(e.size()).isEqualTo(101L);
                });
    }

    @Test
    void appendKeepsTheCallersIdAndReportsPartialEventsWithoutVersion() {
        transport.respond(200, Map.of(), "{\"id\":\"mine\",\"partial\":true}");

        AppendResult result = client.appendEvent("app", "u", "s", Event.builder().id("mine").partial(true).build());

        ApiRequest sent = transport.onlyRequest();
        assertThat(sent.headers()).doesNotContainKey("If-Match");
        assertThat(body(sent)).isEqualTo("{\"id\":\"mine\",\"partial\":true}");
        assertThat(result.version()).isNull();
        assertThat(result.replayed()).isFalse();
        assertThat(result.event().isPartial()).isTrue();
    }

    @Test
    void appendWithStaleVersionThrowsVersionConflict() {
        transport.respond(412, Map.of("Content-Type", "application/problem+json"),
                "{\"type\":\"https://sessiongrid.io/problems/version-mismatch\",\"title\":\"Version mismatch\","
                        + "\"status\":412,\"detail\":\"stale\",\"currentVersion\":9}");

        assertThatThrownBy(() -> client.appendEvent("app", "u", "s", Event.builder().id("e").build(), 2))
                .isInstanceOfSatisfying(VersionConflictException.class,
                        e -> assertThat(e.currentVersion()).isEqualTo(9L));
    }

    @Test
    void createSendsOnlyTheGivenFields() {
        transport.respond(201, Map.of("ETag", "\"0\""), SESSION_JSON);
        transport.respond(201, Map.of("ETag", "\"0\""), SESSION_JSON);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("user:lang", "de");
        state.put("n", null);

        Session session = client.createSession("app", "u", "s/1", state);
        client.createSession("app", "u");

        assertThat(transport.requests).extracting(r -> r.target().target())
                .containsExactly("/v1/apps/app/users/u/sessions", "/v1/apps/app/users/u/sessions");
        assertThat(body(transport.requests.get(0)))
                .isEqualTo("{\"sessionId\":\"s/1\",\"state\":{\"user:lang\":\"de\",\"n\":null}}");
        assertThat(body(transport.requests.get(1))).isEqualTo("{}");
        assertThat(session.id()).isEqualTo("s/1");
        assertThat(session.state().get("k").toString()).isEqualTo("1.10");
        // An older node's session, without lifetime and size.
        assertThat(session.ttl()).isEqualTo(Duration.ZERO);
        assertThat(session.maxIdle()).isEqualTo(Duration.ZERO);
        assertThat(session.sizeBytes()).isZero();
        assertThat(session.workerId()).isNull();
        assertThat(session.lastAccessTime()).isZero();
    }

    @Test
    void createSendsTheWorkerOnlyWhenSetAndReadsItBack() {
        transport.respond(201, Map.of("ETag", "\"0\""), "{\"id\":\"s/1\",\"appName\":\"app\",\"userId\":\"u\","
                + "\"state\":{},\"events\":[],\"createTime\":1.5,\"lastUpdateTime\":1.5,\"version\":0,"
                + "\"workerId\":\"w 1\",\"lastAccessTime\":1732451234.5}");

        Session session = client.createSession("app", "u",
                CreateSessionOptions.builder().sessionId("s/1").workerId("w 1").build());

        ApiRequest sent = transport.onlyRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.target().target()).isEqualTo("/v1/apps/app/users/u/sessions");
        assertThat(body(sent)).isEqualTo("{\"sessionId\":\"s/1\",\"workerId\":\"w 1\"}");
        assertThat(session.workerId()).isEqualTo("w 1");
        assertThat(session.lastAccessTime()).isEqualTo(1732451234.5);
    }

    @Test
    void createWithOptionsSendsTimeoutsAsWholeSecondsAndReadsThemBack() {
        transport.respond(201, Map.of("ETag", "\"0\""), "{\"id\":\"s/1\",\"appName\":\"app\",\"userId\":\"u\","
                + "\"state\":{\"k\":\"v\"},\"events\":[],\"createTime\":1.5,\"lastUpdateTime\":1.5,\"version\":0,"
                + "\"ttlSeconds\":86400,\"maxIdleSeconds\":1800,\"sizeBytes\":412}");

        Session session = client.createSession("app", "u", CreateSessionOptions.builder()
                .sessionId("s/1")
                .state(Map.of("k", "v"))
                .ttl(Duration.ofDays(1))
                .maxIdle(Duration.ofMinutes(30))
                .build());

        ApiRequest sent = transport.onlyRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.target().target()).isEqualTo("/v1/apps/app/users/u/sessions");
        assertThat(sent.headers()).containsEntry("Content-Type", "application/json");
        assertThat(body(sent)).isEqualTo(
                "{\"sessionId\":\"s/1\",\"state\":{\"k\":\"v\"},\"ttlSeconds\":86400,\"maxIdleSeconds\":1800}");
        assertThat(session.ttl()).isEqualTo(Duration.ofDays(1));
        assertThat(session.maxIdle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(session.sizeBytes()).isEqualTo(412L);
    }

    @Test
    void createWithOnlyATimeoutLeavesEverythingElseToTheServer() {
        transport.respond(201, Map.of(), SESSION_JSON);

        client.createSession("app", "u", CreateSessionOptions.builder().maxIdle(Duration.ofSeconds(1)).build());

        assertThat(body(transport.onlyRequest())).isEqualTo("{\"maxIdleSeconds\":1}");
        assertThatThrownBy(() -> client.createSession("app", "u", (CreateSessionOptions) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("options must not be null");
    }

    @Test
    void createBeyondTheUsersSessionLimitThrowsPolicyViolation() {
        transport.respond(409, Map.of("Content-Type", "application/problem+json"),
                "{\"type\":\"https://sessiongrid.io/problems/user-session-limit\",\"status\":409,"
                        + "\"limit\":\"max-sessions-per-user\",\"maximum\":5,\"size\":5}");

        assertThatThrownBy(() -> client.createSession("app", "u"))
                .isInstanceOfSatisfying(PolicyViolationException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.limit()).isEqualTo(PolicyViolationException.MAX_SESSIONS_PER_USER);
                    assertThat(e.maximum()).isEqualTo(5L);
                    assertThat(e.size()).isEqualTo(5L);
                });
    }

    @Test
    void createWithATimeoutOverTheAppsMaximumIsABadRequestWithTheLimit() {
        transport.respond(400, Map.of("Content-Type", "application/problem+json"),
                "{\"type\":\"https://sessiongrid.io/problems/invalid-request\",\"status\":400,"
                        + "\"detail\":\"ttlSeconds must be <= 3600\",\"limit\":\"ttl\",\"maximum\":3600}");

        assertThatThrownBy(() -> client.createSession("app", "u",
                CreateSessionOptions.builder().ttl(Duration.ofHours(2)).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.problem().extensions().get("limit").textValue()).isEqualTo("ttl");
                    assertThat(e.problem().extensions().get("maximum").longValue()).isEqualTo(3600L);
                });
    }

    @Test
    void touchPostsTheActionAfterTheEncodedSessionIdWithoutABody() {
        transport.respond(204, Map.of(), "");

        client.touchSession("my app", "u/1", "s 1:touch/x");

        ApiRequest sent = transport.onlyRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.target().target())
                .isEqualTo("/v1/apps/my%20app/users/u%2F1/sessions/s%201%3Atouch%2Fx:touch");
        assertThat(sent.body()).isNull();
        assertThat(sent.headers()).doesNotContainKey("Content-Type");
    }

    @Test
    void touchingAGoneSessionThrowsSessionNotFound() {
        transport.respond(404, Map.of("Content-Type", "application/problem+json"),
                "{\"type\":\"https://sessiongrid.io/problems/session-not-found\",\"status\":404}");

        assertThatThrownBy(() -> client.touchSession("app", "u", "gone"))
                .isInstanceOf(SessionNotFoundException.class);
    }

    @Test
    void countsAUsersSessions() {
        transport.respond(200, Map.of(), "{\"count\":7}");

        long count = client.countUserSessions("app", "u/1");

        ApiRequest sent = transport.onlyRequest();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.target().target()).isEqualTo("/v1/apps/app/users/u%2F1/sessions:count");
        assertThat(sent.body()).isNull();
        assertThat(count).isEqualTo(7L);
    }

    @Test
    void aCountResponseWithoutACountIsUnreadableRatherThanZero() {
        transport.respond(200, Map.of(), "{\"total\":7}");
        transport.respond(200, Map.of(), "{\"deleted\":\"2\"}");

        assertThatThrownBy(() -> client.countUserSessions("app", "u"))
                .isInstanceOf(SessionGridTransportException.class)
                .hasMessage("unreadable response body: expected an integer \"count\" but got MISSING");
        assertThatThrownBy(() -> client.deleteUserSessions("app", "u"))
                .isInstanceOf(SessionGridTransportException.class)
                .hasMessage("unreadable response body: expected an integer \"deleted\" but got STRING");
    }

    @Test
    void deletesAllOfAUsersSessions() {
        transport.respond(200, Map.of(), "{\"deleted\":3}");

        long deleted = client.deleteUserSessions("app", "u");

        ApiRequest sent = transport.onlyRequest();
        assertThat(sent.method()).isEqualTo("DELETE");
        assertThat(sent.target().target()).isEqualTo("/v1/apps/app/users/u/sessions");
        assertThat(sent.body()).isNull();
        assertThat(deleted).isEqualTo(3L);
    }

    @Test
    void readsTheAppPolicy() {
        transport.respond(200, Map.of(), "{\"app\":\"my app\",\"configured\":true,\"ttlSeconds\":0,"
                + "\"maxIdleSeconds\":1800,\"maxSessionsPerMember\":100000,\"eviction\":\"LRU\",\"backupCount\":1,"
                + "\"asyncBackupCount\":0,\"maxSessionBytes\":1048576,\"maxEventBytes\":65536,\"maxEvents\":0,"
                + "\"eventsOverflow\":\"REJECT\",\"maxSessionsPerUser\":0,\"onUserLimit\":\"REJECT\","
                + "\"durability\":\"NONE\",\"writeDelaySeconds\":1,\"eagerLoadWindowSeconds\":3600}");

        AppPolicy policy = client.getPolicy("my app");

        ApiRequest sent = transport.onlyRequest();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.target().target()).isEqualTo("/v1/apps/my%20app/policy");
        assertThat(policy).isEqualTo(new AppPolicy("my app", true, Duration.ZERO, Duration.ofMinutes(30), 100000,
                "LRU", 1, 0, 1048576L, 65536L, 0, "REJECT", 0, "REJECT", "NONE", Duration.ofSeconds(1), Duration.ofHours(1)));
    }

    @Test
    void anUnconfiguredAppOnAStrictNodeThrowsAppNotFoundEvenFromFind() {
        String appNotFound = "{\"type\":\"https://sessiongrid.io/problems/app-not-found\",\"status\":404,"
                + "\"detail\":\"app 'typo' is not configured\"}";
        transport.respond(404, Map.of("Content-Type", "application/problem+json"), appNotFound);
        transport.respond(404, Map.of("Content-Type", "application/problem+json"), appNotFound);

        assertThatThrownBy(() -> client.getPolicy("typo")).isExactlyInstanceOf(AppNotFoundException.class);
        assertThatThrownBy(() -> client.findSession("typo", "u", "s")).isExactlyInstanceOf(AppNotFoundException.class);
    }

    @Test
    void getSendsEventFiltersAsQueryParameters() {
        transport.respond(200, Map.of("ETag", "\"0\""), SESSION_JSON);

        client.getSession("app", "u", "s/1", GetSessionOptions.recentEvents(5).withAfterTimestamp(1700000000.25));

        assertThat(transport.onlyRequest().target().target())
                .isEqualTo("/v1/apps/app/users/u/sessions/s%2F1?numRecentEvents=5&afterTimestamp=1700000000.25");
    }

    @Test
    void findReturnsEmptyOnNotFoundWhileGetThrows() {
        String notFound = "{\"type\":\"https://sessiongrid.io/problems/session-not-found\",\"status\":404}";
        transport.respond(404, Map.of("Content-Type", "application/problem+json"), notFound);
        transport.respond(404, Map.of("Content-Type", "application/problem+json"), notFound);

        assertThat(client.findSession("app", "u", "gone")).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> client.getSession("app", "u", "gone"))
                .isInstanceOf(SessionNotFoundException.class);
    }

    @Test
    void deleteAcceptsNoContent() {
        transport.respond(204, Map.of(), "");

        client.deleteSession("app", "u", "s");

        assertThat(transport.onlyRequest().method()).isEqualTo("DELETE");
    }

    @Test
    void listingsSendPagingParameters() {
        transport.respond(200, Map.of(), "{\"sessions\":[],\"nextPageToken\":\"t\"}");
        transport.respond(200, Map.of(), "{\"sessions\":[],\"nextPageToken\":null}");
        transport.respond(200, Map.of(), "{\"events\":[],\"nextPageToken\":null}");

        SessionPage first = client.listSessions("app", "u", PageRequest.first(2));
        client.listSessions("app", PageRequest.first(2).next(first.nextPageToken()));
        client.listEvents("app", "u", "s", null, 1.5);

        assertThat(transport.requests).extracting(r -> r.target().target()).containsExactly(
                "/v1/apps/app/users/u/sessions?pageSize=2",
                "/v1/apps/app/sessions?pageSize=2&pageToken=t",
                "/v1/apps/app/users/u/sessions/s/events?afterTimestamp=1.5");
    }

    @Test
    void readsAppAndUserState() {
        transport.respond(200, Map.of(), "{\"appName\":\"app\",\"state\":{\"theme\":\"dark\",\"rate\":1.10}}");
        transport.respond(200, Map.of(), "{\"appName\":\"app\",\"userId\":\"u\",\"state\":{}}");

        Map<String, JsonNode> appState = client.getAppState("app");
        Map<String, JsonNode> userState = client.getUserState("app", "u");

        assertThat(appState.keySet()).containsExactly("theme", "rate");
        assertThat(appState.get("rate").toString()).isEqualTo("1.10");
        assertThat(userState).isEmpty();
        assertThat(transport.requests).extracting(r -> r.target().target())
                .containsExactly("/v1/apps/app/state", "/v1/apps/app/users/u/state");
    }

    @Test
    void unreadableSuccessBodyIsATransportFailure() {
        transport.respond(200, Map.of(), "<html>");

        assertThatThrownBy(() -> client.getSession("app", "u", "s"))
                .isInstanceOf(SessionGridTransportException.class)
                .hasMessageStartingWith("unreadable response body");
    }

    @Test
    void builderRequiresAnHttpEndpointAndPositiveTimeouts() {
        assertThatThrownBy(() -> SessionGridClient.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("at least one endpoint is required");
        assertThatThrownBy(() -> SessionGridClient.builder().endpoints("ftp://x").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionGridClient.builder().connectTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connectTimeout must be positive but was PT0S");
        assertThatThrownBy(() -> SessionGridClient.builder().retryPolicy(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("retryPolicy must not be null");
        try (SessionGridClient built = SessionGridClient.builder()
                .endpoints("http://127.0.0.1:8080/", "http://127.0.0.1:8081")
                .requestTimeout(Duration.ofSeconds(1))
                .retryPolicy(RetryPolicy.none())
                .build()) {
            assertThat(built).isNotNull();
        }
    }

    @Test
    void setWorkerPutsTheWorkerAndReadsTheRouteWithoutLastAccess() {
        transport.respond(200, Map.of(), "{\"sessionId\":\"s/1\",\"userId\":\"u 1\",\"workerId\":\"w-2\"}");

        Route route = client.setWorker("my app", "u 1", "s/1", "w-2");

        ApiRequest sent = transport.onlyRequest();
        assertThat(sent.method()).isEqualTo("PUT");
        assertThat(sent.target().target()).isEqualTo("/v1/apps/my%20app/users/u%201/sessions/s%2F1/worker");
        assertThat(sent.headers()).containsEntry("Content-Type", "application/json");
        assertThat(body(sent)).isEqualTo("{\"workerId\":\"w-2\"}");
        assertThat(route).isEqualTo(new Route("s/1", "u 1", "w-2", 0));
    }

    @Test
    void setWorkerToNullUnpinsWithAnExplicitJsonNull() {
        transport.respond(200, Map.of(), "{\"sessionId\":\"s\",\"userId\":\"u\",\"workerId\":null}");

        Route route = client.setWorker("app", "u", "s", null);

        ApiRequest sent = transport.onlyRequest();
        assertThat(sent.method()).isEqualTo("PUT");
        assertThat(sent.target().target()).isEqualTo("/v1/apps/app/users/u/sessions/s/worker");
        assertThat(body(sent)).isEqualTo("{\"workerId\":null}");
        assertThat(route).isEqualTo(new Route("s", "u", null, 0));
    }

    @Test
    void setWorkerThrowsSessionNotFoundForAGoneSessionAndRouteConflictForAnotherUsersRoute() {
        transport.respond(404, Map.of("Content-Type", "application/problem+json"),
                "{\"type\":\"https://sessiongrid.io/problems/session-not-found\",\"status\":404}");
        transport.respond(409, Map.of("Content-Type", "application/problem+json"),
                "{\"type\":\"https://sessiongrid.io/problems/route-conflict\",\"status\":409,"
                        + "\"detail\":\"session id 's' routes to another user's session\"}");
        transport.respond(404, Map.of("Content-Type", "application/problem+json"),
                "{\"type\":\"https://sessiongrid.io/problems/route-not-found\",\"status\":404}");

        assertThatThrownBy(() -> client.setWorker("app", "u", "gone", "w"))
                .isExactlyInstanceOf(SessionNotFoundException.class);
        assertThatThrownBy(() -> client.setWorker("app", "u", "s", "w"))
                .isExactlyInstanceOf(RouteConflictException.class)
                .hasMessage("HTTP 409: session id 's' routes to another user's session "
                        + "[https://sessiongrid.io/problems/route-conflict]");
        // Only findRoute turns a missing route into an empty answer.
        assertThatThrownBy(() -> client.setWorker("app", "u", "s", null))
                .isExactlyInstanceOf(RouteNotFoundException.class);
    }

    @Test
    void findRouteGetsTheRouteBySessionIdAlone() {
        transport.respond(200, Map.of(),
                "{\"sessionId\":\"s/1\",\"userId\":\"u\",\"workerId\":\"w-1\",\"lastAccess\":1732451234.5}");

        Optional<Route> route = client.findRoute("my app", "s/1");

        ApiRequest sent = transport.onlyRequest();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.target().target()).isEqualTo("/v1/apps/my%20app/sessions/s%2F1/route");
        assertThat(sent.body()).isNull();
        assertThat(route).contains(new Route("s/1", "u", "w-1", 1732451234.5));
    }

    @Test
    void findRouteIsEmptyOnlyWhenTheRouteIsNotFound() {
        transport.respond(404, Map.of("Content-Type", "application/problem+json"),
                "{\"type\":\"https://sessiongrid.io/problems/route-not-found\",\"status\":404}");
        transport.respond(404, Map.of("Content-Type", "application/problem+json"),
                "{\"type\":\"https://sessiongrid.io/problems/app-not-found\",\"status\":404}");
        transport.respond(404, Map.of("Content-Type", "application/problem+json"),
                "{\"type\":\"https://sessiongrid.io/problems/not-found\",\"status\":404}");

        assertThat(client.findRoute("app", "unpinned")).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> client.findRoute("typo", "s")).isExactlyInstanceOf(AppNotFoundException.class);
        // A node without the route endpoint answers not-found: a misconfiguration, not "no route".
        assertThatThrownBy(() -> client.findRoute("app", "s")).isExactlyInstanceOf(SessionGridException.class);
    }

    @Test
    void listsAWorkersRoutesPageByPage() {
        transport.respond(200, Map.of(), "{\"sessions\":[{\"sessionId\":\"a\",\"userId\":\"u1\",\"workerId\":\"w 1\"},"
                + "{\"sessionId\":\"b\",\"userId\":\"u2\",\"workerId\":\"w 1\"}],\"nextPageToken\":\"t+1\"}");
        transport.respond(200, Map.of(), "{\"sessions\":[{\"sessionId\":\"c\",\"userId\":\"u1\",\"workerId\":\"w 1\"}],"
                + "\"nextPageToken\":null}");
        transport.respond(200, Map.of(), "{\"sessions\":[],\"nextPageToken\":null}");

        RoutePage first = client.listWorkerSessions("app", "w 1", PageRequest.first(2));
        RoutePage last = client.listWorkerSessions("app", "w 1", PageRequest.first(2).next(first.nextPageToken()));
        RoutePage idle = client.listWorkerSessions("app", "idle", null);

        assertThat(transport.requests).extracting(ApiRequest::method).containsExactly("GET", "GET", "GET");
        assertThat(transport.requests).extracting(r -> r.target().target()).containsExactly(
                "/v1/apps/app/workers/w%201/sessions?pageSize=2",
                "/v1/apps/app/workers/w%201/sessions?pageSize=2&pageToken=t%2B1",
                "/v1/apps/app/workers/idle/sessions");
        assertThat(first).isEqualTo(new RoutePage(
                List.of(new Route("a", "u1", "w 1", 0), new Route("b", "u2", "w 1", 0)), "t+1"));
        assertThat(last).isEqualTo(new RoutePage(List.of(new Route("c", "u1", "w 1", 0)), null));
        assertThat(idle.routes()).isEmpty();
        assertThat(idle.hasNext()).isFalse();
    }

    @Test
    void countsOneWorkersSessions() {
        transport.respond(200, Map.of(), "{\"workerId\":\"w/1\",\"count\":3}");

        long count = client.countWorkerSessions("app", "w/1");

        ApiRequest sent = transport.onlyRequest();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.target().target()).isEqualTo("/v1/apps/app/workers/w%2F1/count");
        assertThat(sent.body()).isNull();
        assertThat(count).isEqualTo(3L);
    }

    @Test
    void countsSeveralWorkersInOneCallInTheOrderAsked() {
        transport.respond(200, Map.of(), "{\"total\":5,\"workers\":{\"w1\":3,\"w2\":2,\"idle\":0}}");

        WorkerCounts counts = client.countWorkerSessions("my app", List.of("w2", "idle", "w1"));

        ApiRequest sent = transport.onlyRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.target().target()).isEqualTo("/v1/apps/my%20app/workers:count");
        assertThat(sent.headers()).containsEntry("Content-Type", "application/json");
        assertThat(body(sent)).isEqualTo("{\"workers\":[\"w2\",\"idle\",\"w1\"]}");
        assertThat(counts.total()).isEqualTo(5L);
        assertThat(counts.perWorker()).containsExactly(entry("w2", 2L), entry("idle", 0L), entry("w1", 3L));
        assertThat(counts).isEqualTo(new WorkerCounts(5, Map.of("w1", 3L, "w2", 2L, "idle", 0L)));
    }

    @Test
    void aWorkerCountsAnswerMissingAnAskedWorkerIsUnreadable() {
        transport.respond(200, Map.of(), "{\"total\":3,\"workers\":{\"w1\":3}}");
        transport.respond(200, Map.of(), "{\"workers\":{\"w1\":3}}");

        assertThatThrownBy(() -> client.countWorkerSessions("app", List.of("w1", "w2")))
                .isInstanceOf(SessionGridTransportException.class)
                .hasMessage("unreadable response body: expected an integer \"workers.w2\" but got MISSING");
        assertThatThrownBy(() -> client.countWorkerSessions("app", List.of("w1")))
                .isInstanceOf(SessionGridTransportException.class)
                .hasMessage("unreadable response body: expected an integer \"total\" but got MISSING");
        assertThatThrownBy(() -> client.countWorkerSessions("app", Arrays.asList("w1", null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("workerIds must not contain null");
        assertThat(transport.requests).hasSize(2);
    }

    @Test
    void reroutesAWorkersSessionsToAnother() {
        transport.respond(200, Map.of(), "{\"moved\":7,\"remaining\":0}");
        transport.respond(200, Map.of(), "{\"moved\":0,\"remaining\":2}");

        RerouteResult result = client.rerouteWorker("app", "old 1", "new");
        RerouteResult raced = client.rerouteWorker("app", "w:reroute", "w/2");

        ApiRequest sent = transport.requests.get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.target().target()).isEqualTo("/v1/apps/app/workers/old%201:reroute");
        assertThat(sent.headers()).containsEntry("Content-Type", "application/json");
        assertThat(body(sent)).isEqualTo("{\"to\":\"new\"}");
        assertThat(transport.requests.get(1).target().target()).isEqualTo("/v1/apps/app/workers/w%3Areroute:reroute");
        assertThat(body(transport.requests.get(1))).isEqualTo("{\"to\":\"w/2\"}");
        assertThat(result).isEqualTo(new RerouteResult(7, 0));
        assertThat(raced).isEqualTo(new RerouteResult(0, 2));
    }

    @Test
    void rerouteNeedsBothWorkersAndCountsThatAreNotNegative() {
        transport.respond(200, Map.of(), "{\"moved\":-1,\"remaining\":0}");

        assertThatThrownBy(() -> client.rerouteWorker("app", "old", "new"))
                .isInstanceOf(SessionGridTransportException.class)
                .hasMessage("unreadable response body: expected \"moved\" >= 0 but got -1");
        assertThatThrownBy(() -> client.rerouteWorker("app", "old", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("toWorker must not be null");
        assertThatThrownBy(() -> client.rerouteWorker("app", null, "new"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("fromWorker must not be null");
        assertThatThrownBy(() -> client.countWorkerSessions("app", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workerId must not be empty");
        assertThat(transport.requests).hasSize(1);
    }

    @Test
    void deletesAllOfAWorkersSessions() {
        transport.respond(200, Map.of(), "{\"deleted\":4}");

        long deleted = client.deleteWorkerSessions("app", "w 1");

        ApiRequest sent = transport.onlyRequest();
        assertThat(sent.method()).isEqualTo("DELETE");
        assertThat(sent.target().target()).isEqualTo("/v1/apps/app/workers/w%201/sessions");
        assertThat(sent.body()).isNull();
        assertThat(deleted).isEqualTo(4L);
    }

    @Test
    void sweepsIdleSessionsSendingWholeSeconds() {
        transport.respond(200, Map.of(), "{\"deleted\":12}");

        long deleted = client.sweepIdleSessions("my app", Duration.ofMinutes(10));

        ApiRequest sent = transport.onlyRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.target().target()).isEqualTo("/v1/apps/my%20app/sessions:sweep-idle");
        assertThat(sent.headers()).containsEntry("Content-Type", "application/json");
        assertThat(body(sent)).isEqualTo("{\"maxIdleSeconds\":600}");
        assertThat(deleted).isEqualTo(12L);
    }

    @Test
    void sweepRefusesMaxIdleThatIsNotWholePositiveSecondsWithoutCalling() {
        assertThatThrownBy(() -> client.sweepIdleSessions("app", Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxIdle must be a whole number of seconds >= 1s but was PT1.5S");
        assertThatThrownBy(() -> client.sweepIdleSessions("app", Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxIdle must be a whole number of seconds >= 1s but was PT0.999S");
        assertThatThrownBy(() -> client.sweepIdleSessions("app", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxIdle must be a whole number of seconds >= 1s but was PT0S");
        assertThatThrownBy(() -> client.sweepIdleSessions("app", Duration.ofSeconds(-60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxIdle must be a whole number of seconds >= 1s but was PT-1M");
        assertThatThrownBy(() -> client.sweepIdleSessions("app", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("maxIdle must not be null");
        assertThat(transport.requests).isEmpty();
    }

    private static String body(ApiRequest request) {
        return new String(request.body(), StandardCharsets.UTF_8);
    }

    private static final class ScriptedTransport implements Transport {

        private final List<ApiRequest> requests = new ArrayList<>();
        private final List<ApiResponse> responses = new ArrayList<>();

        void respond(int status, Map<String, String> headers, String body) {
            Map<String, List<String>> multi = new LinkedHashMap<>();
            headers.forEach((name, value) -> multi.put(name, List.of(value)));
            responses.add(new ApiResponse(status, HttpHeaders.of(multi, (n, v) -> true),
                    body.getBytes(StandardCharsets.UTF_8)));
        }

        ApiRequest onlyRequest() {
            assertThat(requests).hasSize(1);
            return requests.get(0);
        }

        @Override
        public Reply send(ApiRequest request) {
            requests.add(request);
            return Reply.of(responses.remove(0));
        }

        @Override
        public void close() {
        }
    }
}
