package io.sessiongrid.node.http;

import io.sessiongrid.client.AppNotFoundException;
import io.sessiongrid.client.AppPolicy;
import io.sessiongrid.client.AppendResult;
import io.sessiongrid.client.BadRequestException;
import io.sessiongrid.client.CreateSessionOptions;
import io.sessiongrid.client.Event;
import io.sessiongrid.client.PolicyViolationException;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.client.SessionNotFoundException;
import io.sessiongrid.node.support.TestCluster;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SDK's lifecycle calls and typed policy errors against a real node with strict, configured apps. */
class LifecycleSdkTest {

    private static TestNode node;
    private static SessionGridClient client;

    @BeforeAll
    static void start() {
        int port = TestCluster.freePort();
        node = TestNode.start("sdk-lifecycle-" + port, port, List.of("127.0.0.1:" + port), Map.of(
                "sessiongrid.strict-apps", true,
                "sessiongrid.apps.web.max-idle", "30m",
                "sessiongrid.apps.web.max-sessions-per-user", 1,
                "sessiongrid.apps.agent.max-events", 1,
                "sessiongrid.apps.agent.events-overflow", "DROP_OLDEST",
                "sessiongrid.apps.agent.max-session-bytes", 300));
        client = SessionGridClient.builder().endpoints(node.url()).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        node.close();
    }

    @Test
    void policyAndExpiryOptionsRoundTrip() {
        AppPolicy web = client.getPolicy("web");
        assertThat(web.configured()).isTrue();
        assertThat(web.maxIdle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(web.ttl()).isEqualTo(Duration.ZERO);
        assertThat(web.maxSessionsPerUser()).isEqualTo(1);
        assertThat(web.onUserLimit()).isEqualTo("REJECT");

        Session session = client.createSession("web", "alice", CreateSessionOptions.builder()
                .sessionId("tab").state(Map.of("k", 1)).ttl(Duration.ofHours(1)).maxIdle(Duration.ofMinutes(5)).build());
        assertThat(session.ttl()).isEqualTo(Duration.ofHours(1));
        assertThat(session.maxIdle()).isEqualTo(Duration.ofMinutes(5));
        assertThat(session.sizeBytes()).isEqualTo(2);

        assertThatThrownBy(() -> client.createSession("web", "bob", CreateSessionOptions.builder()
                .maxIdle(Duration.ofHours(1)).build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.problem().extensions()).containsKeys("limit", "maximum"));
    }

    @Test
    void userOperationsAndTheUserLimit() {
        client.createSession("web", "carol", "one", null);
        client.touchSession("web", "carol", "one");
        assertThat(client.countUserSessions("web", "carol")).isEqualTo(1);

        assertThatThrownBy(() -> client.createSession("web", "carol", "two", null))
                .isInstanceOfSatisfying(PolicyViolationException.class, e -> {
                    assertThat(e.limit()).isEqualTo(PolicyViolationException.MAX_SESSIONS_PER_USER);
                    assertThat(e.maximum()).isEqualTo(1);
                    assertThat(e.size()).isEqualTo(1);
                });

        assertThat(client.deleteUserSessions("web", "carol")).isEqualTo(1);
        assertThat(client.countUserSessions("web", "carol")).isZero();
        assertThatThrownBy(() -> client.touchSession("web", "carol", "one")).isInstanceOf(SessionNotFoundException.class);
    }

    @Test
    void sizeLimitsAndDroppedEvents() {
        client.createSession("agent", "dave", "run", null);
        AppendResult first = client.appendEvent("agent", "dave", "run", Event.builder().id("e1").author("a").build());
        AppendResult second = client.appendEvent("agent", "dave", "run", Event.builder().id("e2").author("a").build());
        assertThat(first.droppedEvents()).isZero();
        assertThat(second.droppedEvents()).isEqualTo(1);
        assertThat(client.getSession("agent", "dave", "run").events()).extracting(Event::id).containsExactly("e2");

        assertThatThrownBy(() -> client.appendEvent("agent", "dave", "run", Event.builder().id("e3").author("a")
                .stateDelta("blob", "x".repeat(400)).build()))
                .isInstanceOfSatisfying(PolicyViolationException.class, e -> {
                    assertThat(e.limit()).isEqualTo(PolicyViolationException.MAX_SESSION_BYTES);
                    assertThat(e.maximum()).isEqualTo(300);
                    assertThat(e.status()).isEqualTo(413);
                });
        assertThat(client.getSession("agent", "dave", "run").version()).isEqualTo(2);
    }

    @Test
    void strictAppsAnswerUnknownAppsWithTheirOwnException() {
        assertThatThrownBy(() -> client.getPolicy("unknown")).isInstanceOf(AppNotFoundException.class);
        assertThatThrownBy(() -> client.createSession("unknown", "u")).isInstanceOf(AppNotFoundException.class);
    }
}
