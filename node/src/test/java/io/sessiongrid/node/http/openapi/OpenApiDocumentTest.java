package io.sessiongrid.node.http.openapi;

import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.sessiongrid.node.http.problem.ProblemType;
import io.sessiongrid.node.support.SecuredNode;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document the node serves describes exactly the routes it serves, and every problem type. */
class OpenApiDocumentTest {

    private static TestNode node;
    private static HttpResponse<String> served;
    private static Map<String, Object> document;

    @BeforeAll
    static void start() throws Exception {
        node = SecuredNode.start(Map.of());
        served = SecuredNode.call(node, "GET", ApiDocument.PATH, null, null);
        document = new Yaml().load(served.body());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void isServedWithoutATokenAsYaml() {
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("application/yaml");
        assertThat(document).containsEntry("openapi", "3.0.1");
    }

    @Test
    void describesEveryV1RouteAndNoOther() {
        Set<String> routes = node.context().getBean(Router.class).uriRoutes()
                .filter(r -> r.getUriMatchTemplate().toString().startsWith("/v1/"))
                .filter(r -> r.getHttpMethod() != HttpMethod.HEAD) // Micronaut answers HEAD beside every GET
                .map(OpenApiDocumentTest::operation)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> described = new TreeSet<>();
        paths().forEach((path, operations) -> operations.keySet()
                .forEach(method -> described.add(method.toUpperCase() + " " + path)));
        assertThat(routes).hasSize(30);
        assertThat(described).isEqualTo(routes);
    }

    /** A route as the document names it: query variables ({@code {?a,b}}) are parameters, not path. */
    private static String operation(UriRouteInfo<?, ?> route) {
        HttpMethod method = route.getHttpMethod();
        return method.name() + " " + route.getUriMatchTemplate().toString().replaceAll("\\{\\?[^}]*}", "");
    }

    @Test
    void everyBodyHasASchemaAndEveryRouteItsProblems() {
        paths().forEach((path, operations) -> operations.forEach((method, op) -> {
            Map<String, Map<String, Object>> responses = cast(op.get("responses"));
            assertThat(responses).as(method + " " + path).containsKeys("4XX", "5XX");
            assertThat(op).as(method + " " + path).containsKeys("summary", "operationId");
        }));
        assertThat(served.body()).doesNotContain("format: byte").doesNotContain("HttpResponse_");
    }

    @Test
    void namesEveryProblemTypeTheNodeAnswers() {
        Map<String, Map<String, Map<String, Object>>> components = cast(document.get("components"));
        Map<String, Map<String, Object>> problem = cast(components.get("schemas").get("Problem"));
        Map<String, Map<String, Object>> properties = cast(problem.get("properties"));
        List<String> types = cast(properties.get("type").get("enum"));
        assertThat(types).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ProblemType.values()).map(t -> t.type().toString()).toList());
    }

    @Test
    void answersHoldTheFieldsTheirSchemasName() throws Exception {
        String u = "/v1/apps/{app}/users/{userId}/sessions";
        String one = u + "/{sessionId}";
        answers("post", u, "201", "POST", "/v1/apps/doc/users/ann/sessions",
                "{\"sessionId\":\"s1\",\"state\":{\"a\":1,\"user:b\":2,\"app:c\":3}}");
        answers("post", one + "/events", "200", "POST", "/v1/apps/doc/users/ann/sessions/s1/events",
                "{\"id\":\"e1\",\"author\":\"user\",\"actions\":{\"stateDelta\":{\"a\":2}}}");
        answers("get", one, "200", "GET", "/v1/apps/doc/users/ann/sessions/s1", null);
        answers("patch", one, "200", "PATCH", "/v1/apps/doc/users/ann/sessions/s1", "{\"state\":{\"a\":3}}");
        answers("get", one + "/events", "200", "GET", "/v1/apps/doc/users/ann/sessions/s1/events", null);
        answers("get", u, "200", "GET", "/v1/apps/doc/users/ann/sessions", null);
        answers("get", "/v1/apps/{app}/sessions", "200", "GET", "/v1/apps/doc/sessions", null);
        answers("get", u + ":count", "200", "GET", "/v1/apps/doc/users/ann/sessions:count", null);
        answers("get", "/v1/apps/{app}/state", "200", "GET", "/v1/apps/doc/state", null);
        answers("get", "/v1/apps/{app}/users/{userId}/state", "200", "GET", "/v1/apps/doc/users/ann/state", null);
        answers("get", "/v1/apps/{app}/policy", "200", "GET", "/v1/apps/doc/policy", null);
        answers("get", "/v1/apps", "200", "GET", "/v1/apps", null);
        answers("put", one + "/worker", "200", "PUT", "/v1/apps/doc/users/ann/sessions/s1/worker", "{\"workerId\":\"w1\"}");
        answers("get", "/v1/apps/{app}/sessions/{sessionId}/route", "200", "GET", "/v1/apps/doc/sessions/s1/route", null);
        answers("get", "/v1/apps/{app}/workers/{workerId}/count", "200", "GET", "/v1/apps/doc/workers/w1/count", null);
        answers("post", "/v1/apps/{app}/workers:count", "200", "POST", "/v1/apps/doc/workers:count", "{\"workers\":[\"w1\"]}");
        answers("get", "/v1/apps/{app}/workers/{workerId}/sessions", "200", "GET", "/v1/apps/doc/workers/w1/sessions", null);
        answers("post", "/v1/apps/{app}/sessions", "201", "POST", "/v1/apps/doc/sessions", "{\"sessionId\":\"web-1\"}");
        answers("patch", "/v1/apps/{app}/sessions/{sessionId}", "200", "PATCH", "/v1/apps/doc/sessions/web-1",
                "{\"state\":{\"x\":1}}");
        answers("post", "/v1/apps/{app}/sessions/{sessionId}:rekey", "200", "POST", "/v1/apps/doc/sessions/web-1:rekey",
                "{\"userId\":\"ann\"}");
    }

    /**
     * Calls the route and holds its JSON answer to the document's schema for {@code status}: every
     * field the answer has is a property of the schema, and every required property is there.
     */
    private static void answers(String method, String path, String status, String verb, String url, String body) throws Exception {
        HttpResponse<String> response = SecuredNode.call(node, verb, url, SecuredNode.OPS, body);
        assertThat(response.statusCode()).as(verb + " " + url + ": " + response.body()).isEqualTo(Integer.parseInt(status));
        Map<String, Map<String, Object>> responses = cast(paths().get(path).get(method).get("responses"));
        Map<String, Map<String, Map<String, String>>> content = cast(responses.get(status).get("content"));
        String ref = content.get("application/json").get("schema").get("$ref");
        Map<String, Map<String, Map<String, Object>>> components = cast(document.get("components"));
        Map<String, Object> schema = components.get("schemas").get(ref.substring(ref.lastIndexOf('/') + 1));
        Map<String, Object> answer = new com.fasterxml.jackson.databind.ObjectMapper().readValue(response.body(), Map.class);
        Map<String, Object> properties = cast(schema.get("properties"));
        if (properties == null) { // a map of numbers (Count)
            assertThat(answer.values()).as(url).allMatch(v -> v instanceof Number);
            return;
        }
        if (!Boolean.TRUE.equals(schema.get("additionalProperties"))) {
            assertThat(properties.keySet()).as(verb + " " + url + " answers fields its schema " + ref + " lacks")
                    .containsAll(answer.keySet());
        }
        List<String> required = cast(schema.getOrDefault("required", List.of()));
        assertThat(answer.keySet()).as(url).containsAll(required);
    }

    private static Map<String, Map<String, Map<String, Object>>> paths() {
        return cast(document.get("paths"));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
