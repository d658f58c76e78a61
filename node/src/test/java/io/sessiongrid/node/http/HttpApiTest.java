package io.sessiongrid.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessiongrid.client.AppendResult;
import io.sessiongrid.client.BadRequestException;
import io.sessiongrid.client.Event;
import io.sessiongrid.client.EventPage;
import io.sessiongrid.client.GetSessionOptions;
import io.sessiongrid.client.PageRequest;
import io.sessiongrid.client.PayloadTooLargeException;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionExistsException;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.client.SessionNotFoundException;
import io.sessiongrid.client.SessionPage;
import io.sessiongrid.client.VersionConflictException;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The README walkthrough and every error status, through the real SDK against a real node. */
class HttpApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

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
    void walkthrough() {
        Session created = client.createSession("shop", "alice", "cart-1",
                Map.of("items", 0, "app:currency", "EUR", "user:name", "Alice", "temp:draft", true));
        assertThat(created.id()).isEqualTo("cart-1");
        assertThat(created.version()).isZero();
        assertThat(json(created.state())).isEqualTo(
                Map.of("items", "0", "app:currency", "\"EUR\"", "user:name", "\"Alice\""));

        AppendResult first = client.appendEvent("shop", "alice", "cart-1", Event.builder()
                .id("evt-1").author("user").timestamp(1_700_000_000.5)
                .content(Map.of("text", "add a book"))
                .stateDelta("items", 1).stateDelta("user:lastItem", "book").stateDelta("temp:scratch", "x")
                .build());
        assertThat(first.version()).isEqualTo(1L);
        assertThat(first.replayed()).isFalse();
        assertThat(first.event().stateDelta()).containsOnlyKeys("items", "user:lastItem");

        AppendResult second = client.appendEvent("shop", "alice", "cart-1", Event.builder()
                .id("evt-2").author("agent").timestamp(1_700_000_001.0).stateDelta("items", 2).build(), 1);
        assertThat(second.version()).isEqualTo(2L);

        AppendResult retry = client.appendEvent("shop", "alice", "cart-1", Event.builder()
                .id("evt-1").author("someone else").build());
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.version()).isEqualTo(2L);
        assertThat(retry.event().author()).isEqualTo("user");

        Session full = client.getSession("shop", "alice", "cart-1");
        assertThat(full.version()).isEqualTo(2);
        assertThat(full.lastUpdateTime()).isEqualTo(1_700_000_001.0);
        assertThat(full.events()).extracting(Event::id).containsExactly("evt-1", "evt-2");
        assertThat(json(full.state())).isEqualTo(Map.of("items", "2", "app:currency", "\"EUR\"",
                "user:name", "\"Alice\"", "user:lastItem", "\"book\""));

        Session recent = client.getSession("shop", "alice", "cart-1", GetSessionOptions.recentEvents(1));
        assertThat(recent.events()).extracting(Event::id).containsExactly("evt-2");
        Session after = client.getSession("shop", "alice", "cart-1", GetSessionOptions.eventsAfter(1_700_000_001.0));
        assertThat(after.events()).extracting(Event::id).containsExactly("evt-2");

        EventPage events = client.listEvents("shop", "alice", "cart-1", PageRequest.first(1), null);
        assertThat(events.events()).extracting(Event::id).containsExactly("evt-1");
        assertThat(events.hasNext()).isTrue();
        assertThat(client.listEvents("shop", "alice", "cart-1", PageRequest.first(1).next(events.nextPageToken()), null)
                .events()).extracting(Event::id).containsExactly("evt-2");

        client.createSession("shop", "alice", "cart-2", null);
        client.createSession("shop", "bob", "cart-1", null);
        SessionPage alices = client.listSessions("shop", "alice", PageRequest.first(10));
        assertThat(alices.sessions()).extracting(Session::id).containsExactly("cart-1", "cart-2");
        assertThat(alices.sessions().get(0).events()).isEmpty();
        assertThat(alices.hasNext()).isFalse();
        SessionPage all = client.listSessions("shop", PageRequest.first(2));
        assertThat(all.sessions()).extracting(s -> s.userId() + "/" + s.id()).containsExactly("alice/cart-1", "alice/cart-2");
        assertThat(client.listSessions("shop", PageRequest.first(2).next(all.nextPageToken())).sessions())
                .extracting(s -> s.userId() + "/" + s.id()).containsExactly("bob/cart-1");

        assertThat(json(client.getAppState("shop"))).isEqualTo(Map.of("currency", "\"EUR\""));
        assertThat(json(client.getUserState("shop", "alice"))).isEqualTo(Map.of("name", "\"Alice\"", "lastItem", "\"book\""));

        client.deleteSession("shop", "alice", "cart-1");
        client.deleteSession("shop", "alice", "cart-1");
        assertThat(client.findSession("shop", "alice", "cart-1")).isEmpty();
    }

    @Test
    void errorsMapToTypedExceptionsWithProblemDetails() {
        client.createSession("errors", "u", "s", null);

        assertThatThrownBy(() -> client.getSession("errors", "u", "missing"))
                .isInstanceOfSatisfying(SessionNotFoundException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.problem().type()).hasToString("https://sessiongrid.io/problems/session-not-found");
                });
        assertThatThrownBy(() -> client.createSession("errors", "u", "s", null))
                .isInstanceOfSatisfying(SessionExistsException.class,
                        e -> assertThat(e.problem().type()).hasToString("https://sessiongrid.io/problems/session-exists"));
        assertThatThrownBy(() -> client.appendEvent("errors", "u", "s", Event.builder().author("a").build(), 5))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.currentVersion()).isEqualTo(0L);
                    assertThat(e.problem().type()).hasToString("https://sessiongrid.io/problems/version-mismatch");
                });
        assertThatThrownBy(() -> client.appendEvent("errors", "u", "s",
                Event.builder().author("a").content(Map.of("blob", "x".repeat(2 * 1024 * 1024))).build()))
                .isInstanceOfSatisfying(PayloadTooLargeException.class,
                        e -> assertThat(e.problem().type()).hasToString("https://sessiongrid.io/problems/payload-too-large"));
        assertThatThrownBy(() -> client.getSession("errors", "u", "x".repeat(300)))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.problem().type()).hasToString("https://sessiongrid.io/problems/invalid-id"));
        assertThat(client.getSession("errors", "u", "s").version()).isZero();
    }

    @Test
    void idsWithUnicodeSlashesAndDotsRoundTrip() {
        List<String> ids = List.of("ünïcødé-会话", "a/b", "../../etc/passwd", "..", "100% sure", "with space");
        for (String id : ids) {
            client.createSession("ids-app", "user/ü", id, Map.of("id", id));
            assertThat(client.getSession("ids-app", "user/ü", id).state().get("id").asText()).isEqualTo(id);
        }
        assertThat(client.listSessions("ids-app", "user/ü", PageRequest.first(100)).sessions())
                .extracting(Session::id).containsExactlyInAnyOrderElementsOf(ids);
    }

    private static Map<String, String> json(Map<String, JsonNode> state) {
        Map<String, String> out = new LinkedHashMap<>();
        state.forEach((k, v) -> {
            try {
                out.put(k, MAPPER.writeValueAsString(v));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return out;
    }
}
