package io.sessiongrid.node.http;

import io.sessiongrid.client.CreateSessionOptions;
import io.sessiongrid.client.PageRequest;
import io.sessiongrid.client.RerouteResult;
import io.sessiongrid.client.Route;
import io.sessiongrid.client.RouteConflictException;
import io.sessiongrid.client.RoutePage;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.client.SessionNotFoundException;
import io.sessiongrid.client.WorkerCounts;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The routing routes through the real SDK against a real node, and their problems over raw HTTP. */
class RoutingApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PROBLEMS = "https://sessiongrid.io/problems/";

    private static TestNode node;
    private static SessionGridClient client;

    @BeforeAll
    static void start() {
        node = TestNode.single();
        client = SessionGridClient.builder().endpoints(node.url()).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        node.close();
    }

    @Test
    void aProxysDayThroughTheSdk() {
        for (int i = 0; i < 6; i++) {
            client.createSession("proxy", "user-" + i, CreateSessionOptions.builder()
                    .sessionId("sess-" + i).workerId(i < 4 ? "w-a" : "w-b").build());
        }
        Session session = client.getSession("proxy", "user-0", "sess-0");
        assertThat(session.workerId()).isEqualTo("w-a");
        assertThat(session.lastAccessTime()).isPositive();

        Route route = client.findRoute("proxy", "sess-1").orElseThrow();
        assertThat(route.userId()).isEqualTo("user-1");
        assertThat(route.workerId()).isEqualTo("w-a");
        assertThat(route.lastAccess()).isPositive();
        assertThat(client.findRoute("proxy", "nope")).isEmpty();

        assertThat(client.countWorkerSessions("proxy", "w-a")).isEqualTo(4);
        WorkerCounts counts = client.countWorkerSessions("proxy", List.of("w-a", "w-b", "w-c"));
        assertThat(counts.total()).isEqualTo(6);
        assertThat(counts.perWorker()).containsExactly(Map.entry("w-a", 4L), Map.entry("w-b", 2L), Map.entry("w-c", 0L));

        List<String> listed = new ArrayList<>();
        RoutePage page = client.listWorkerSessions("proxy", "w-a", PageRequest.first(3));
        page.routes().forEach(r -> listed.add(r.sessionId()));
        page = client.listWorkerSessions("proxy", "w-a", new PageRequest(3, page.nextPageToken()));
        page.routes().forEach(r -> listed.add(r.sessionId()));
        assertThat(page.nextPageToken()).isNull();
        assertThat(listed).containsExactly("sess-0", "sess-1", "sess-2", "sess-3");

        assertThat(client.setWorker("proxy", "user-0", "sess-0", "w-b").workerId()).isEqualTo("w-b");
        assertThat(client.rerouteWorker("proxy", "w-a", "w-c")).isEqualTo(new RerouteResult(3, 0));
        assertThat(client.deleteWorkerSessions("proxy", "w-b")).isEqualTo(3);
        assertThat(client.countWorkerSessions("proxy", List.of("w-a", "w-b", "w-c")).perWorker())
                .containsExactly(Map.entry("w-a", 0L), Map.entry("w-b", 0L), Map.entry("w-c", 3L));
        assertThatThrownBy(() -> client.getSession("proxy", "user-0", "sess-0")).isInstanceOf(SessionNotFoundException.class);

        assertThat(client.setWorker("proxy", "user-1", "sess-1", null).workerId()).isNull();
        assertThat(client.findRoute("proxy", "sess-1")).isEmpty();
    }

    @Test
    void conflictsAndSweepsThroughTheSdk() {
        client.createSession("proxy-2", "alice", CreateSessionOptions.builder().sessionId("dup").workerId("w").build());
        assertThatThrownBy(() -> client.createSession("proxy-2", "bob",
                CreateSessionOptions.builder().sessionId("dup").workerId("w").build()))
                .isInstanceOf(RouteConflictException.class);

        client.createSession("proxy-2", "carol", CreateSessionOptions.builder().sessionId("old").workerId("w").build());
        long created = System.currentTimeMillis();
        await().pollInterval(Duration.ofMillis(50)).until(() -> System.currentTimeMillis() - created > 1500);
        client.findRoute("proxy-2", "dup");
        assertThat(client.sweepIdleSessions("proxy-2", Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(client.findRoute("proxy-2", "old")).isEmpty();
        assertThat(client.findRoute("proxy-2", "dup")).isPresent();
    }

    @Test
    void badRequestsGetProblems() throws Exception {
        HttpResponse<String> missing = send("GET", "/v1/apps/raw/sessions/none/route", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"type\":\"" + PROBLEMS + "route-not-found\",\"title\":\"Route not found\","
                + "\"status\":404,\"detail\":\"No session 'none' pinned to a worker in app 'raw'\"}");
        assertThat(send("POST", "/v1/apps/raw/workers:count", "{\"workers\":\"w\"}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/v1/apps/raw/workers:count", "{\"workers\":[1]}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/v1/apps/raw/workers/w:reroute", "{}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/v1/apps/raw/sessions:sweep-idle", "{\"maxIdleSeconds\":0}").statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/v1/apps/raw/users/u/sessions/s/worker", "{}").statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/v1/apps/raw/users/u/sessions/s/worker", "{\"workerId\":\"w\"}").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/v1/apps/raw/workers/w/count", null).body()).isEqualTo("{\"workerId\":\"w\",\"count\":0}");
        assertThat(send("POST", "/v1/apps/raw/workers:count", "{\"workers\":[]}").body())
                .isEqualTo("{\"total\":0,\"workers\":{}}");
        assertThat(send("GET", "/prometheus", null).body())
                .contains("sessiongrid_routes_total{app=\"raw\",result=\"miss\"} 1.0");
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
