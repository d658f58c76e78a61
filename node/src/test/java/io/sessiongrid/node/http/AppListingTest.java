package io.sessiongrid.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessiongrid.node.support.SecuredNode;
import io.sessiongrid.node.support.TestCluster;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static io.sessiongrid.node.support.SecuredNode.call;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/apps} on a real two-node cluster, and what each token sees of it. */
class AppListingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listsEveryAppWithItsSessionsPerMemberAndTheConfiguredOnesWithout() throws Exception {
        int p1 = TestCluster.freePort();
        int p2 = TestCluster.freePort();
        List<String> members = List.of("127.0.0.1:" + p1, "127.0.0.1:" + p2);
        Map<String, Object> config = Map.of("sessiongrid.apps.gamma.max-idle", "30m");
        String cluster = "listing-" + p1;
        try (TestNode first = TestNode.start(cluster, p1, members, config);
             TestNode second = TestNode.start(cluster, p2, members, config)) {
            for (int i = 0; i < 10; i++) {
                create(first, "alpha", "u" + i, "s");
            }
            for (int i = 0; i < 3; i++) {
                create(second, "beta", "u" + i, "s");
            }

            HttpResponse<String> listed = call(second, "GET", "/v1/apps", null, null);

            assertThat(listed.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(listed.body());
            assertThat(body.path("members")).hasSize(2);
            assertThat(body.path("answered")).isEqualTo(body.path("members"));
            assertThat(summary(body)).containsExactly("alpha:10:false", "beta:3:false", "gamma:0:true");
            for (JsonNode app : body.path("apps")) {
                long perMember = StreamSupport.stream(app.path("perMember").spliterator(), false).mapToLong(JsonNode::asLong).sum();
                assertThat(perMember).as(app.path("app").asText()).isEqualTo(app.path("sessions").asLong());
            }
            // Thirty-one partitions over two members: each holds some of alpha's ten sessions.
            assertThat(body.path("apps").get(0).path("perMember")).hasSize(2);
        }
    }

    @Test
    void eachTokenSeesOnlyTheAppsItMayRead() throws Exception {
        TestNode node = SecuredNode.start(Map.of());
        try {
            assertThat(call(node, "POST", "/v1/apps/agent/users/u/sessions", SecuredNode.AGENT_RW, "{\"sessionId\":\"s\"}")
                    .statusCode()).isEqualTo(201);
            assertThat(call(node, "POST", "/v1/apps/web/users/u/sessions", SecuredNode.OPS, "{\"sessionId\":\"s\"}")
                    .statusCode()).isEqualTo(201);

            HttpResponse<String> asAdmin = call(node, "GET", "/v1/apps", SecuredNode.OPS, null);
            assertThat(names(asAdmin)).containsExactly("agent", "web");
            assertThat(JSON.readTree(asAdmin.body()).path("members")).hasSize(1);
            HttpResponse<String> asAgent = call(node, "GET", "/v1/apps", SecuredNode.AGENT_RW, null);
            assertThat(names(asAgent)).containsExactly("agent");
            // Like /health's details, the members' addresses are for an admin token of every app only.
            JsonNode agentView = JSON.readTree(asAgent.body());
            assertThat(agentView.has("members")).isFalse();
            assertThat(agentView.path("apps").get(0).has("perMember")).isFalse();
            assertThat(agentView.path("membersAsked").asInt()).isEqualTo(1);
            assertThat(agentView.path("membersAnswered").asInt()).isEqualTo(1);
            assertThat(names(call(node, "GET", "/v1/apps", SecuredNode.WEB_RO, null))).containsExactly("web");
            assertThat(call(node, "GET", "/v1/apps", null, null).statusCode()).isEqualTo(401);
            assertThat(call(node, "GET", "/v1/apps", "sg_not_a_token", null).statusCode()).isEqualTo(401);
        } finally {
            node.close();
        }
    }

    private static void create(TestNode node, String app, String user, String session) throws Exception {
        assertThat(call(node, "POST", "/v1/apps/" + app + "/users/" + user + "/sessions", null,
                "{\"sessionId\":\"" + session + "\"}").statusCode()).isEqualTo(201);
    }

    private static List<String> summary(JsonNode body) {
        return StreamSupport.stream(body.path("apps").spliterator(), false)
                .map(a -> a.path("app").asText() + ":" + a.path("sessions").asLong() + ":" + a.path("configured").asBoolean())
                .toList();
    }

    private static List<String> names(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(response.body()).path("apps").spliterator(), false)
                .map(a -> a.path("app").asText()).toList();
    }
}
