package io.sessiongrid.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input over raw HTTP: a problem+json with the right status and type, never a stack trace, nothing lost. */
class BadInputTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String SESSION = "/v1/apps/bad/users/u/sessions/s";

    private static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.single();
        send("POST", "/v1/apps/bad/users/u/sessions", "application/json", "{\"sessionId\":\"s\",\"state\":{\"k\":1}}", null);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @ParameterizedTest(name = "{0} {1} -> {4} {5}")
    @CsvSource(delimiter = '|', textBlock = """
            POST | /v1/apps/bad/users/u/sessions          | application/json | {"sessionId":"x"      |   | 400 | malformed-json
            POST | /v1/apps/bad/users/u/sessions          | application/json | {"sessionId":42}       |   | 400 | invalid-request
            POST | /v1/apps/bad/users/u/sessions          | application/json | {"state":[1,2]}        |   | 400 | invalid-request
            POST | /v1/apps/bad/users/u/sessions          | application/json | "just a string"        |   | 400 | invalid-request
            POST | /v1/apps/bad/users/u/sessions          | application/json | {"sessionId":"s"}      |   | 409 | session-exists
            POST | /v1/apps/bad/users/u/sessions          | text/plain       | hello                  |   | 415 | unsupported-media-type
            POST | /v1/apps/bad/users/u/sessions/s/events | application/json | {"actions":            |   | 400 | malformed-json
            POST | /v1/apps/bad/users/u/sessions/s/events | application/json | {"timestamp":"noon"}   |   | 400 | invalid-request
            POST | /v1/apps/bad/users/u/sessions/s/events | application/json | {"id":""}              |   | 400 | invalid-id
            POST | /v1/apps/bad/users/u/sessions/s/events | application/json | {"actions":{"stateDelta":7}} | | 400 | invalid-request
            POST | /v1/apps/bad/users/u/sessions/s/events | application/json | {"author":"a"}         | W/"x" | 400 | invalid-request
            POST | /v1/apps/bad/users/u/sessions/s/events | application/json | {"author":"a"}         | W/"1" | 400 | invalid-request
            POST | /v1/apps/bad/users/u/sessions          | application/json | {"sessionId":"\\ud800"} |  | 400 | malformed-json
            POST | /v1/apps/bad/users/u/sessions          | application/json | {"sessionId":"a\\u0000"} |  | 400 | invalid-request
            POST | /v1/apps/bad/users/u/sessions          | application/json | {"sessionId":"x"}garbage |  | 400 | malformed-json
            POST | /v1/apps/bad/users/u/sessions          | application/json | {"sessionId":"x","sessionId":"y"} | | 400 | malformed-json
            POST | /v1/apps/bad/users/u/sessions          | application/json | {"sessionId":"x","state":{"k":1e-16384}} | | 400 | invalid-request
            POST | /v1/apps/bad/users/u/sessions/s/events | application/json | {"author":"a"}{"author":"b"} | | 400 | malformed-json
            POST | /v1/apps/bad/users/u/sessions/s/events | application/json | {"author":"a","author":"b"} | | 400 | malformed-json
            POST | /v1/apps/bad/users/u/sessions/s/events | application/json | {"actions":{"stateDelta":{"n":1e999999}}} | | 400 | invalid-request
            POST | /v1/apps/bad/users/u/sessions/s/events | application/json | {"timestamp":1e2147483648} | | 400 | invalid-request
            POST | /v1/apps/bad/users/u/sessions/s/events | application/json | {"content":{"text":"\\ud83d"}} | | 400 | malformed-json
            POST | /v1/apps/bad/users/u/sessions/s/events | application/json | {"partial":true,"content":"\\u0000"} | | 400 | invalid-request
            PATCH | /v1/apps/bad/users/u/sessions/s       | application/json | {"state":{"k":2}} [] |   | 400 | malformed-json
            PATCH | /v1/apps/bad/users/u/sessions/s       | application/json | {"state":{"user:k\\u0000":2}} | | 400 | invalid-request
            PATCH | /v1/apps/bad/sessions/s               | application/merge-patch+json | {"state":{},"state":{"k":2}} | | 400 | malformed-json
            POST | /v1/apps/bad/workers:count             | application/json | {"workers":["w"],"workers":["v"]} | | 400 | malformed-json
            POST | /v1/apps/bad/users/u/sessions/nope/events | application/json | {"partial":true}    |   | 404 | session-not-found
            GET  | /v1/apps/bad/users/u/sessions/s?afterTimestamp=NaN |    |                        |   | 400 | invalid-request
            POST | /v1/apps/bad/users/u/sessions/s/events | application/json | {"author":"a"}         | "9" | 412 | version-mismatch
            POST | /v1/apps/bad/users/u/sessions/nope/events | application/json | {"author":"a"}      |   | 404 | session-not-found
            GET  | /v1/apps/bad/users/u/sessions/s?numRecentEvents=many |   |                        |   | 400 | invalid-request
            GET  | /v1/apps/bad/users/u/sessions/s?numRecentEvents=-1   |   |                        |   | 400 | invalid-request
            GET  | /v1/apps/bad/users/u/sessions/s?afterTimestamp=yesterday | |                      |   | 400 | invalid-request
            GET  | /v1/apps/bad/users/u/sessions?pageSize=0 |   |                                    |   | 400 | invalid-request
            GET  | /v1/apps/bad/users/u/sessions?pageToken=ZTE6MA |  |                                    |   | 400 | invalid-request
            GET  | /v1/apps/bad/users/u/sessions/s/events?pageToken=czE6eA |  |                      |   | 400 | invalid-request
            GET  | /v1/apps/bad/users/u/sessions/a%01b    |                  |                        |   | 400 | invalid-id
            GET  | /v1/apps/bad/users/u/sessions/..%2F..%2Fetc%2Fpasswd |    |                        |   | 404 | session-not-found
            GET  | /v1/apps/bad/users/u/sessions/%2E%2E   |                  |                        |   | 404 | session-not-found
            GET  | /v1/nowhere                            |                  |                        |   | 404 | not-found
            PUT  | /v1/apps/bad/users/u/sessions/s        | application/json | {}                     |   | 405 | method-not-allowed
            """)
    void answersWithAProblem(String method, String path, String contentType, String body, String ifMatch,
                             int status, String type) throws Exception {
        HttpResponse<String> response = send(method, path, contentType, body, ifMatch);

        assertProblem(response, status, type);
    }

    @Test
    void locationHeaderEncodesDotSegments() throws Exception {
        HttpResponse<String> created = send("POST", "/v1/apps/bad/users/u/sessions", "application/json",
                "{\"sessionId\":\"..\"}", null);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/v1/apps/bad/users/u/sessions/%2E%2E");
        assertThat(send("GET", "/v1/apps/bad/users/u/sessions/%2E%2E", null, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void twoMebibyteBodyIsRefusedWith413() throws Exception {
        String big = "{\"author\":\"a\",\"content\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        assertProblem(send("POST", SESSION + "/events", "application/json", big, null), 413, "payload-too-large");
    }

    @Test
    void badInputLosesNothing() throws Exception {
        send("POST", SESSION + "/events", "application/json", "{\"id\":\"ok\",\"timestamp\":1.5}", null);
        send("POST", SESSION + "/events", "application/json", "{\"id\":\"x\",\"timestamp\":", null);
        send("POST", SESSION + "/events", "application/json", "{\"id\":\"y\",\"timestamp\":true}", null);
        send("POST", SESSION + "/events", "application/json", "{\"id\":\"z\",\"actions\":{\"stateDelta\":{\"k\":2,"
                + "\"user:n\":1e999999}}}", null);
        send("POST", SESSION + "/events", "application/json", "{\"id\":\"w\",\"actions\":{\"stateDelta\":{\"k\":2}}}x", null);
        send("PATCH", SESSION, "application/json", "{\"state\":{\"k\":2,\"app:t\":\"\\ud800\"}}", null);

        HttpResponse<String> session = send("GET", SESSION, null, null, null);
        JsonNode json = MAPPER.readTree(session.body());
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(json.path("version").asLong()).isEqualTo(1);
        assertThat(json.path("events").size()).isEqualTo(1);
        assertThat(json.path("state").toString()).isEqualTo("{\"k\":1}");
        assertThat(MAPPER.readTree(send("GET", "/v1/apps/bad/users/u/state", null, null, null).body()).path("state")).isEmpty();
        assertThat(MAPPER.readTree(send("GET", "/v1/apps/bad/state", null, null, null).body()).path("state")).isEmpty();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = MAPPER.readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("https://sessiongrid.io/problems/" + type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "io.sessiongrid.node");
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body, String ifMatch)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
