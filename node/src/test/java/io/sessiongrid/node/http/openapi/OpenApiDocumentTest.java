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

    private static Map<String, Map<String, Map<String, Object>>> paths() {
        return cast(document.get("paths"));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
