package io.sessiongrid.adk;

import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.GetSessionConfig;
import com.google.adk.sessions.Session;
import com.google.adk.sessions.SessionException;
import com.google.adk.sessions.State;
import io.sessiongrid.client.SessionExistsException;
import io.sessiongrid.client.SessionGridClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** createSession, getSession (with both filters), listSessions, listEvents and deleteSession against a real node. */
class SessionLifecycleTest {

    private static GridFixture grid;
    private static SessionGridClient client;
    private static SessionGridSessionService service;

    @BeforeAll
    static void start() {
        grid = new GridFixture();
        client = grid.client();
        service = grid.service();
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void aMissingOrBlankIdIsGeneratedByTheServer() {
        Session generated = service.createSession("life", "ann", (Map<String, Object>) null, null).blockingGet();
        Session blank = service.createSession("life", "ann", Map.of(), "   ").blockingGet();

        assertThat(generated.id()).isNotBlank().isNotEqualTo(blank.id());
        assertThat(blank.id()).isNotBlank();
        assertThat(generated.appName()).isEqualTo("life");
        assertThat(generated.userId()).isEqualTo("ann");
        assertThat(generated.events()).isEmpty();
        assertThat(service.getSession("life", "ann", generated.id(), Optional.empty()).blockingGet().id())
                .isEqualTo(generated.id());
    }

    @Test
    void initialStateIsSplitByPrefixAndTempKeysAreNeverStored() {
        Map<String, Object> state = Map.of("topic", "billing", "app:greeting", "hello", "user:lang", "fi",
                "temp:scratch", "draft");
        Session created = service.createSession("split", "bob", state, "s1").blockingGet();

        assertThat(created.state()).containsExactlyInAnyOrderEntriesOf(state);
        assertThat(service.getSession("split", "bob", "s1", Optional.empty()).blockingGet().state())
                .containsExactlyInAnyOrderEntriesOf(Map.of("topic", "billing", "app:greeting", "hello", "user:lang", "fi"));
        // The layers are shared: the user's next session sees user: and app:, another user only app:.
        assertThat(service.createSession("split", "bob", Map.of(), "s2").blockingGet().state())
                .containsExactlyInAnyOrderEntriesOf(Map.of("app:greeting", "hello", "user:lang", "fi"));
        assertThat(service.createSession("split", "cat", Map.of(), "s3").blockingGet().state())
                .containsExactlyInAnyOrderEntriesOf(Map.of("app:greeting", "hello"));
    }

    @Test
    void aRemovalInTheInitialStateRemovesTheKeyLikeADelta() {
        service.createSession("initrm", "ann", Map.of("user:plan", "pro", "app:motd", "hi"), "a").blockingGet();

        Session created = service.createSession("initrm", "ann",
                mapOf("user:plan", State.REMOVED, "own", null, "kept", 1), "b").blockingGet();

        assertThat(created.state()).containsExactlyInAnyOrderEntriesOf(Map.of("app:motd", "hi", "kept", 1));
        assertThat(service.getSession("initrm", "ann", "a", Optional.empty()).blockingGet().state())
                .containsExactlyEntriesOf(Map.of("app:motd", "hi"));
    }

    @Test
    void anExistingIdIsAnErrorAndNeverAnOverwrite() {
        service.createSession("dup", "ann", new ConcurrentHashMap<>(Map.of("k", 1)), "same").blockingGet();

        assertThatThrownBy(() -> service.createSession("dup", "ann", Map.of("k", 2), "same").blockingGet())
                .isInstanceOf(SessionException.class)
                .hasMessageStartingWith("Creating session dup/ann/same failed: HTTP 409")
                .cause().isInstanceOfSatisfying(SessionExistsException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.problem().type()).isNotNull();
                });
        assertThat(service.getSession("dup", "ann", "same", Optional.empty()).blockingGet().state())
                .containsExactlyEntriesOf(Map.of("k", 1));
    }

    @Test
    void anAbsentSessionIsEmptyNotAnError() {
        assertThat(service.getSession("life", "nobody", "nothing", Optional.empty()).isEmpty().blockingGet()).isTrue();
    }

    @Test
    void recentEventsAndTheThresholdComposeLikeAdk() {
        Session session = service.createSession("window", "ann", Map.of(), "w").blockingGet();
        for (long ts = 100; ts <= 500; ts += 100) {
            service.appendEvent(session, event("e" + ts, ts)).blockingGet();
        }

        assertThat(timestamps(GetSessionConfig.builder().numRecentEvents(4).afterTimestamp(Instant.ofEpochMilli(300)).build()))
                .containsExactly(300L, 400L, 500L);
        assertThat(timestamps(GetSessionConfig.builder().numRecentEvents(2).build())).containsExactly(400L, 500L);
        assertThat(timestamps(GetSessionConfig.builder().numRecentEvents(0).build())).isEmpty();
        // Inclusive: the event at the threshold stays; a threshold within a millisecond keeps only later events.
        assertThat(timestamps(GetSessionConfig.builder().afterTimestamp(Instant.ofEpochMilli(200)).build()))
                .containsExactly(200L, 300L, 400L, 500L);
        assertThat(timestamps(GetSessionConfig.builder().afterTimestamp(Instant.ofEpochMilli(200).plusNanos(1)).build()))
                .containsExactly(300L, 400L, 500L);
        assertThat(timestamps(GetSessionConfig.builder().numRecentEvents(2).afterTimestamp(Instant.ofEpochMilli(100)).build()))
                .containsExactly(400L, 500L);
    }

    @Test
    void withTimestampsOutOfOrderTheLastEventsAreCutBeforeTheThreshold() {
        // Writers with skewed clocks: the log order is 400, 500, 100. ADK keeps the last 2 (500, 100), then
        // those >= 300: only 500. Filtering first (400, 500) and then taking 2 would keep 400 too.
        Session session = service.createSession("window", "ann", Map.of(), "skew").blockingGet();
        for (long ts : new long[] {400, 500, 100}) {
            service.appendEvent(session, event("e" + ts, ts)).blockingGet();
        }
        GetSessionConfig config = GetSessionConfig.builder().numRecentEvents(2).afterTimestamp(Instant.ofEpochMilli(300)).build();

        assertThat(service.getSession("window", "ann", "skew", Optional.of(config)).blockingGet().events())
                .extracting(Event::timestamp).containsExactly(500L);
    }

    @Test
    void listSessionsReturnsEverySessionWithMergedStateAndNoEvents() {
        for (int i = 0; i < 7; i++) {  // more than two pages of 3
            Session s = service.createSession("list", "dan", Map.of("n", i, "user:plan", "pro"), "s" + i).blockingGet();
            service.appendEvent(s, event("e" + i, 1000 + i)).blockingGet();
        }
        service.createSession("list", "eve", Map.of("app:motd", "hi"), "other").blockingGet();

        List<Session> listed = service.listSessions("list", "dan").blockingGet().sessions();

        assertThat(listed).extracting(Session::id).containsExactlyInAnyOrder("s0", "s1", "s2", "s3", "s4", "s5", "s6");
        assertThat(listed).allSatisfy(s -> {
            assertThat(s.events()).isEmpty();
            assertThat(s.appName()).isEqualTo("list");
            assertThat(s.userId()).isEqualTo("dan");
            assertThat(s.state()).containsEntry("user:plan", "pro").containsEntry("app:motd", "hi").containsKey("n");
        });
        assertThat(listed.stream().filter(s -> s.id().equals("s4")).findFirst().orElseThrow().state().get("n")).isEqualTo(4);
        assertThat(service.listSessions("list", "nobody").blockingGet().sessions()).isEmpty();
    }

    @Test
    void listEventsFollowsEveryPage() {
        Session session = service.createSession("events", "ann", Map.of(), "long").blockingGet();
        for (int i = 1; i <= 8; i++) {
            service.appendEvent(session, event("e" + i, i * 10L)).blockingGet();
        }

        assertThat(service.listEvents("events", "ann", "long").blockingGet().events())
                .extracting(Event::id).containsExactly("e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8");
        assertThat(service.listEvents("events", "ann", "long").blockingGet().nextPageToken()).isEmpty();
        assertThat(service.listEvents("events", "ann", "absent").blockingGet().events()).isEmpty();
    }

    @Test
    void deleteCompletesAlsoWhenTheSessionIsAbsent() {
        service.createSession("del", "ann", Map.of(), "gone").blockingGet();

        service.deleteSession("del", "ann", "gone").blockingAwait();
        assertThat(service.getSession("del", "ann", "gone", Optional.empty()).isEmpty().blockingGet()).isTrue();
        service.deleteSession("del", "ann", "gone").blockingAwait();
        service.deleteSession("del", "nobody", "never").blockingAwait();
    }

    @Test
    void everySubscriptionSendsTheCallAgain() {
        io.reactivex.rxjava3.core.Single<Session> create = service.createSession("cold", "ann", Map.of(), "c");
        assertThat(service.getSession("cold", "ann", "c", Optional.empty()).isEmpty().blockingGet()).isTrue();

        create.blockingGet();
        assertThatThrownBy(create::blockingGet).isInstanceOf(SessionException.class)
                .hasMessageContaining("HTTP 409");
    }

    @Test
    void thresholdsBeyondMillisecondsFilterLikeAdk() {
        Session session = service.createSession("window", "ann", Map.of(), "far").blockingGet();
        service.appendEvent(session, event("only", 1_000)).blockingGet();

        assertThat(service.getSession("window", "ann", "far",
                Optional.of(GetSessionConfig.builder().afterTimestamp(Instant.MIN).build())).blockingGet().events())
                .extracting(Event::id).containsExactly("only");
        assertThat(service.getSession("window", "ann", "far",
                Optional.of(GetSessionConfig.builder().afterTimestamp(Instant.MAX).build())).blockingGet().events())
                .isEmpty();
    }

    private static List<Long> timestamps(GetSessionConfig config) {
        return service.getSession("window", "ann", "w", Optional.of(config)).blockingGet().events().stream()
                .map(Event::timestamp).toList();
    }

    static Event event(String id, long timestampMillis) {
        return Event.builder().id(id).invocationId("inv").author("agent").timestamp(timestampMillis)
                .actions(EventActions.builder().build()).build();
    }

    static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
