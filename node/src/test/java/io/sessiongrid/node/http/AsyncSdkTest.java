package io.sessiongrid.node.http;

import io.sessiongrid.client.CreateSessionOptions;
import io.sessiongrid.client.Event;
import io.sessiongrid.client.GetSessionOptions;
import io.sessiongrid.client.PageRequest;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionExistsException;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.client.VersionConflictException;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SDK's CompletableFuture calls against a real node: the same answers and typed errors as the blocking ones. */
class AsyncSdkTest {

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
    void aConversationThroughTheAsyncCalls() {
        Session created = client.createSessionAsync("async", "ann", CreateSessionOptions.builder().sessionId("s")
                .state(Map.of("k", 1, "user:lang", "fi")).build()).join();
        assertThat(created.version()).isZero();
        assertThat(created.state().get("k").asInt()).isEqualTo(1);

        assertThat(client.appendEventAsync("async", "ann", "s", Event.builder().id("e1").author("a").timestamp(100.5)
                .stateDelta("k", 2).build(), null).join().version()).isEqualTo(1);
        assertThat(client.appendEventAsync("async", "ann", "s", Event.builder().id("e2").author("a").timestamp(200.0)
                .removeState("user:lang").build(), 1L).join().version()).isEqualTo(2);

        Session read = client.getSessionAsync("async", "ann", "s", GetSessionOptions.recentEvents(1)).join();
        assertThat(read.events()).extracting(Event::id).containsExactly("e2");
        assertThat(read.state()).containsOnlyKeys("k");
        assertThat(client.listEventsAsync("async", "ann", "s", PageRequest.first(), 150.0).join().events())
                .extracting(Event::id).containsExactly("e2");
        assertThat(client.listSessionsAsync("async", "ann", PageRequest.first()).join().sessions())
                .extracting(Session::id).containsExactly("s");

        client.deleteSessionAsync("async", "ann", "s").join();
        assertThat(client.findSessionAsync("async", "ann", "s", GetSessionOptions.allEvents()).join()).isEqualTo(Optional.empty());
        client.deleteSessionAsync("async", "ann", "s").join();
    }

    @Test
    void failuresCarryTheTypedExceptions() {
        client.createSessionAsync("async", "bob", CreateSessionOptions.builder().sessionId("s").build()).join();

        assertThatThrownBy(() -> client.createSessionAsync("async", "bob", CreateSessionOptions.builder().sessionId("s").build()).join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(SessionExistsException.class);
        assertThatThrownBy(() -> client.appendEventAsync("async", "bob", "s", Event.builder().id("x").author("a").build(), 5L).join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(VersionConflictException.class);
        assertThat(client.getSessionAsync("async", "bob", "s", GetSessionOptions.allEvents()).join().version()).isZero();
        assertThat(client.findSessionAsync("async", "bob", "s", GetSessionOptions.allEvents()).join()).isPresent();
        assertThat(client.findSessionAsync("async", "nobody", "s", GetSessionOptions.allEvents()).join()).isEmpty();
    }
}
