package io.sessiongrid.node.http.hot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessiongrid.node.support.RawConnection;
import io.sessiongrid.node.support.SecuredNode;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path answers exactly as the controllers do: the same requests, in the same order, to a node with
 * hot routes and to one without give the same statuses, headers and bodies (times aside); and answers on one
 * connection keep the order of their requests whoever serves them.
 */
class HotRoutesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String AGENT = SecuredNode.AGENT_RW;
    private static final String WEB = SecuredNode.WEB_RO;
    private static final String OPS = SecuredNode.OPS;
    private static final List<String> COMPARED_HEADERS = List.of("content-type", "etag", "location", "retry-after",
            "www-authenticate", "sessiongrid-replayed", "sessiongrid-dropped-events");
    private static final String EVENT = "{\"id\":\"e1\",\"timestamp\":100.5,\"author\":\"a\",\"actions\":{\"stateDelta\":"
            + "{\"x\":1,\"user:u\":2,\"app:g\":3,\"temp:t\":4}}}";

    private static TestNode hot;
    private static TestNode micronaut;

    /** One request of the scenario and the status both nodes must give. */
    private record Call(String method, String path, String token, Map<String, String> headers, String body, int status) {
    }

    private record Answer(int status, Map<String, String> headers, JsonNode body) {
    }

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> limits = Map.of("sessiongrid.rate-limits.apps.limited.requests-per-second", 1,
                "sessiongrid.rate-limits.apps.limited.burst", 3); // the create takes one
        hot = SecuredNode.start(limits);
        Map<String, Object> off = new LinkedHashMap<>(limits);
        off.put(HotRoutes.ENABLED, false);
        micronaut = SecuredNode.start(off);
        for (TestNode node : List.of(hot, micronaut)) {
            for (String[] session : new String[][]{{"agent", "s1"}, {"web", "w1"}, {"limited", "l1"}}) {
                HttpResponse<String> created = send(node, new Call("POST", "/v1/apps/" + session[0] + "/users/u/sessions",
                        OPS, Map.of("Content-Type", "application/json"),
                        "{\"sessionId\":\"" + session[1] + "\",\"state\":{\"k\":1}}", 201));
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            }
        }
    }

    @AfterAll
    static void stop() {
        hot.close();
        micronaut.close();
    }

    @Test
    void answersAsTheControllersDo() throws Exception {
        String s1 = "/v1/apps/agent/users/u/sessions/s1";
        Map<String, String> json = Map.of("Content-Type", "application/json");
        String create = "/v1/apps/agent/users/u/sessions";
        List<Call> scenario = List.of(
                new Call("POST", create, AGENT, json, "{\"sessionId\":\"c1\",\"state\":{\"a\":1,\"user:b\":2,\"app:c\":3,"
                        + "\"temp:d\":4},\"ttlSeconds\":60}", 201),
                new Call("POST", create, AGENT, json, "{\"sessionId\":\"c1\"}", 409),
                new Call("POST", create, AGENT, json, "{\"sessionId\":\"c2\",\"workerId\":\"w-1\"}", 201), // waits: blocking pool
                new Call("POST", create, AGENT, json, "{\"sessionId\":\"c3\",\"state\":[1]}", 400),
                new Call("POST", create, AGENT, json, "{\"sessionId\":", 400),
                new Call("POST", create, AGENT, json, "{\"sessionId\":\"c4\",\"ttlSeconds\":-5}", 400),
                new Call("POST", create, WEB, json, "{\"sessionId\":\"c5\"}", 403),
                new Call("POST", "/v1/apps/fresh/users/u/sessions", OPS, json, "{\"sessionId\":\"c6\"}", 201), // a new app
                new Call("POST", s1 + "/events", AGENT, json, EVENT, 200),
                new Call("POST", s1 + "/events", AGENT, json, EVENT, 200), // a replay
                new Call("POST", s1 + "/events", AGENT, Map.of("Content-Type", "application/json", "If-Match", "\"9\""),
                        "{\"author\":\"a\"}", 412),
                new Call("POST", s1 + "/events", AGENT, Map.of("Content-Type", "application/json", "If-Match", "W/\"1\""),
                        "{\"author\":\"a\"}", 400),
                new Call("POST", s1 + "/events", AGENT, json, "{\"author\":", 400),
                new Call("POST", s1 + "/events", AGENT, json, "{\"id\":\"\"}", 400),
                new Call("POST", s1 + "/events", AGENT, json, "{\"partial\":true,\"author\":\"a\",\"id\":\"p\",\"timestamp\":1}", 200),
                new Call("POST", s1 + "/events", AGENT, Map.of("Content-Type", "application/json; charset=UTF-8",
                        "If-Match", "\"1\""), "{\"id\":\"e2\",\"timestamp\":101,\"author\":\"b\"}", 200),
                new Call("POST", "/v1/apps/agent/users/u/sessions/nope/events", AGENT, json, "{\"author\":\"a\"}", 404),
                new Call("POST", s1 + "/events", null, json, "{\"author\":\"a\"}", 401),
                new Call("POST", s1 + "/events", "not-a-token", json, "{\"author\":\"a\"}", 401),
                new Call("POST", "/v1/apps/web/users/u/sessions/w1/events", WEB, json, "{\"author\":\"a\"}", 403),
                new Call("POST", "/v1/apps/web/users/u/sessions/w1/events", AGENT, json, "{\"author\":\"a\"}", 403),
                new Call("GET", s1, AGENT, Map.of(), null, 200),
                new Call("GET", s1 + "?numRecentEvents=1", AGENT, Map.of("Accept", "application/json, application/problem+json"), null, 200),
                new Call("GET", s1 + "?numRecentEvents=0&afterTimestamp=100.5", AGENT, Map.of(), null, 200),
                new Call("GET", s1 + "?afterTimestamp=100.6", AGENT, Map.of(), null, 200),
                new Call("GET", s1 + "?numRecentEvents=-1", AGENT, Map.of(), null, 400),
                new Call("GET", s1 + "?afterTimestamp=1e999", AGENT, Map.of(), null, 400),
                new Call("GET", "/v1/apps/agent/users/u/sessions/nope", AGENT, Map.of(), null, 404),
                new Call("GET", "/v1/apps/agent/users/u/sessions/a..b~c@d", AGENT, Map.of(), null, 404),
                new Call("GET", s1, null, Map.of(), null, 401),
                new Call("GET", "/v1/apps/web/users/u/sessions/w1", WEB, Map.of(), null, 200),
                new Call("GET", "/v1/apps/web/users/u/sessions/w1", AGENT, Map.of(), null, 403));

        List<Answer> fromHot = new ArrayList<>();
        for (Call call : scenario) {
            fromHot.add(answer(send(hot, call)));
        }
        List<Answer> fromMicronaut = new ArrayList<>();
        for (Call call : scenario) {
            fromMicronaut.add(answer(send(micronaut, call)));
        }

        for (int i = 0; i < scenario.size(); i++) {
            Call call = scenario.get(i);
            String label = call.method() + " " + call.path() + " " + call.headers() + " " + call.body();
            assertThat(fromHot.get(i).status()).as(label + " -> " + fromHot.get(i).body()).isEqualTo(call.status());
            assertThat(fromHot.get(i)).as(label).isEqualTo(fromMicronaut.get(i));
        }
        assertThat(fromHot.get(0).headers()).containsEntry("location", "/v1/apps/agent/users/u/sessions/c1")
                .containsEntry("etag", "\"0\"");
        assertThat(fromHot.get(0).body().path("state").toString()).isEqualTo("{\"a\":1,\"app:c\":3,\"user:b\":2}");
        assertThat(fromHot.get(0).body().path("ttlSeconds").asInt()).isEqualTo(60);
        assertThat(fromHot.get(2).body().path("workerId").asText()).isEqualTo("w-1");
        assertThat(fromHot.get(8).headers()).containsEntry("etag", "\"1\"").doesNotContainKey("sessiongrid-replayed");
        assertThat(fromHot.get(9).headers()).containsEntry("sessiongrid-replayed", "true");
        assertThat(fromHot.get(14).headers()).doesNotContainKey("etag"); // partial: nothing stored
        assertThat(fromHot.get(17).headers()).containsEntry("www-authenticate", "Bearer realm=\"sessiongrid\"");
        assertThat(fromHot.get(21).body().path("state").toString()).isEqualTo("{\"k\":1,\"x\":1,\"app:c\":3,\"app:g\":3,\"user:b\":2,\"user:u\":2}");
        assertThat(fromHot.get(21).body().path("events").size()).isEqualTo(2);
    }

    /** Reads until the app's bucket (3, then 1 a second) runs dry, on each node: the refusal is the same. */
    @Test
    void refusesOverTheRateAsTheFilterDoes() throws Exception {
        Call read = new Call("GET", "/v1/apps/limited/users/u/sessions/l1", OPS, Map.of(), null, 429);
        Answer fromHot = firstRefusal(hot, read);
        Answer fromMicronaut = firstRefusal(micronaut, read);

        assertThat(fromHot.status()).isEqualTo(429);
        assertThat(fromHot.headers()).containsEntry("retry-after", "1");
        assertThat(fromHot.body().path("type").asText()).isEqualTo("https://sessiongrid.io/problems/rate-limited");
        assertThat(fromHot).isEqualTo(fromMicronaut);
    }

    private static Answer firstRefusal(TestNode node, Call call) throws Exception {
        for (int i = 0; i < 50; i++) {
            Answer answer = answer(send(node, call));
            if (answer.status() != 200) {
                return answer;
            }
        }
        throw new AssertionError("50 reads in a row were not refused");
    }

    @Test
    void aCreateWithoutAnIdGetsOneAndSaysWhere() throws Exception {
        HttpResponse<String> created = send(hot, new Call("POST", "/v1/apps/agent/users/gen/sessions", AGENT,
                Map.of("Content-Type", "application/json"), "{\"state\":{\"k\":1}}", 201));

        assertThat(created.statusCode()).isEqualTo(201);
        String id = MAPPER.readTree(created.body()).path("id").asText();
        assertThat(id).hasSize(22);
        assertThat(created.headers().firstValue("location")).contains("/v1/apps/agent/users/gen/sessions/" + id);
        assertThat(send(hot, new Call("GET", "/v1/apps/agent/users/gen/sessions/" + id, AGENT, Map.of(), null, 200))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void servedByTheFastPathAndCountedSo() throws Exception {
        Call read = new Call("GET", "/v1/apps/agent/users/u/sessions/s1", AGENT, Map.of(), null, 200);
        Call odd = new Call("GET", "/v1/apps/agent/users/u/sessions/s1", AGENT, Map.of("Accept", "text/html, */*;q=0.1"), null, 200);
        Call gzip = new Call("GET", "/v1/apps/agent/users/u/sessions/s1", AGENT, Map.of("Accept-Encoding", "gzip"), null, 200);
        double before = counted(hot, "get", "hot");
        double declinedBefore = counted(hot, "get", "micronaut");

        assertThat(send(hot, read).statusCode()).isEqualTo(200);
        assertThat(send(hot, odd).statusCode()).isEqualTo(200);
        assertThat(send(hot, gzip).statusCode()).isEqualTo(200); // Micronaut compresses for it

        assertThat(counted(hot, "get", "hot")).isEqualTo(before + 1);
        assertThat(counted(hot, "get", "micronaut")).isEqualTo(declinedBefore + 2);
        assertThat(scrape(micronaut)).doesNotContain("sessiongrid_hot_route_requests_total");
    }

    /**
     * Pipelined requests, some served here and some by Micronaut. Micronaut runs the requests it holds
     * concurrently and orders only their answers (as without hot routes), so the scenario has no request
     * that depends on one of Micronaut's before it; hot requests run one after the other.
     */
    @Test
    void pipelinedAnswersKeepTheirRequestsOrder() throws Exception {
        String path = "/v1/apps/agent/users/pipe/sessions/";
        assertThat(send(hot, new Call("POST", "/v1/apps/agent/users/pipe/sessions", AGENT,
                Map.of("Content-Type", "application/json"), "{\"sessionId\":\"p1\"}", 201)).statusCode()).isEqualTo(201);
        String requests = request("POST", path + "p1/events", "{\"id\":\"a\",\"timestamp\":1}")  // hot
                + request("POST", path + "p1/events", "{\"id\":\"b\",\"timestamp\":2}")         // hot, held until a's answer
                + request("POST", path + "p1:touch", null)                                    // Micronaut
                + request("GET", path + "p1?numRecentEvents=1", null)                         // behind Micronaut: Micronaut
                + request("GET", path + "nope", null)
                + request("GET", "/v1/apps/agent/users/pipe/sessions", null)                  // Micronaut
                + request("POST", path + "p1/events", "{\"id\":\"c\",\"timestamp\":3}");

        try (RawConnection connection = RawConnection.open(port(hot))) {
            connection.send(requests);
            List<RawConnection.Response> answers = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                answers.add(connection.read());
            }

            assertThat(answers).extracting(RawConnection.Response::status).containsExactly(200, 200, 204, 200, 404, 200, 200);
            assertThat(answers).extracting(answer -> answer.header("etag"))
                    .containsExactly("\"1\"", "\"2\"", null, "\"2\"", null, null, "\"3\"");
            assertThat(answers.get(3).body()).contains("\"id\":\"b\"").doesNotContain("\"id\":\"a\"");
            assertThat(answers.get(5).body()).startsWith("{\"sessions\":[{\"id\":\"p1\"");
            // the connection still serves, from the fast path again
            assertThat(connection.send(request("GET", path + "p1?numRecentEvents=0", null)).read().header("etag"))
                    .isEqualTo("\"3\"");
        }
    }

    @Test
    void connectionCloseIsHonoured() {
        try (RawConnection connection = RawConnection.open(port(hot))) {
            RawConnection.Response answer = connection.send("GET /v1/apps/agent/users/u/sessions/s1 HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer " + AGENT + "\r\nConnection: close\r\n\r\n").read();

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("connection")).isEqualTo("close");
            assertThat(connection.awaitClosed(java.time.Duration.ofSeconds(5))).isTrue();
        }
    }

    private static String request(String method, String path, String body) {
        String head = method + " " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + AGENT + "\r\n";
        if (body == null) {
            return head + "\r\n";
        }
        return head + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static double counted(TestNode node, String route, String served) throws Exception {
        String series = "sessiongrid_hot_route_requests_total{route=\"" + route + "\",served=\"" + served + "\"}";
        return scrape(node).lines().filter(line -> line.startsWith(series)).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length()).trim())).orElse(0.0);
    }

    private static String scrape(TestNode node) throws Exception {
        return send(node, new Call("GET", "/prometheus", OPS, Map.of(), null, 200)).body();
    }

    private static int port(TestNode node) {
        return URI.create(node.url()).getPort();
    }

    private static Answer answer(HttpResponse<String> response) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : COMPARED_HEADERS) {
            response.headers().firstValue(name).ifPresent(value -> headers.put(name, value));
        }
        JsonNode body = MAPPER.readTree(response.body());
        if (body instanceof ObjectNode object) {
            object.remove(List.of("createTime", "lastUpdateTime", "lastAccessTime"));
        }
        return new Answer(response.statusCode(), headers, body);
    }

    private static HttpResponse<String> send(TestNode node, Call call) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(node.url() + call.path()))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()));
        call.headers().forEach(builder::header);
        if (call.token() != null) {
            builder.header("Authorization", "Bearer " + call.token());
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
