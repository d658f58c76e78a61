package io.sessiongrid.adk;

import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.events.ToolConfirmation;
import com.google.adk.sessions.Session;
import com.google.adk.sessions.SessionException;
import com.google.adk.sessions.SessionNotFoundException;
import com.google.adk.sessions.State;
import com.google.genai.types.Content;
import com.google.genai.types.FinishReason;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.Part;
import io.reactivex.rxjava3.observers.TestObserver;
import io.sessiongrid.client.GetSessionOptions;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.client.VersionConflictException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.sessiongrid.adk.SessionLifecycleTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** appendEvent against a real node: what is stored, what the caller's Session object becomes, and who may write. */
class AppendEventTest {

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
    void storesTheEventAndUpdatesTheCallersSessionInPlace() {
        Session session = service.createSession("append", "ann", Map.of("count", 1), "s").blockingGet();
        Event event = withDelta("e1", 5_500, Map.of("count", 2, "ratio", 0.75, "user:name", "Ann", "app:flag", true));

        Event returned = service.appendEvent(session, event).blockingGet();

        assertThat(returned).isSameAs(event);
        assertThat(session.events()).containsExactly(event);
        assertThat(session.state()).containsExactlyInAnyOrderEntriesOf(
                Map.of("count", 2, "ratio", 0.75, "user:name", "Ann", "app:flag", true));
        assertThat(session.lastUpdateTime()).isEqualTo(Instant.ofEpochMilli(5_500));
        Session fresh = fetch("append", "ann", "s");
        assertThat(fresh.state()).isEqualTo(session.state());
        assertThat(fresh.events()).containsExactly(event);
    }

    @Test
    void millisecondsTravelAsFractionalSecondsAndComeBackExact() {
        Session session = service.createSession("time", "ann", Map.of(), "t").blockingGet();
        long now = 1_732_449_600_123L;
        service.appendEvent(session, event("half", 5_500)).blockingGet();
        service.appendEvent(session, event("now", now)).blockingGet();

        List<io.sessiongrid.client.Event> stored = client.getSession("time", "ann", "t", GetSessionOptions.allEvents()).events();
        assertThat(stored).extracting(io.sessiongrid.client.Event::timestamp).containsExactly(5.5, 1_732_449_600.123);
        assertThat(fetch("time", "ann", "t").events()).extracting(Event::timestamp).containsExactly(5_500L, now);
    }

    @Test
    void aPartialEventIsReturnedUntouchedAndNotStored() {
        Session session = service.createSession("partial", "ann", Map.of("k", "v"), "p").blockingGet();
        Instant before = session.lastUpdateTime();
        Event partial = withDelta("chunk", 7_000, Map.of("k", "changed")).toBuilder().partial(true).build();

        assertThat(service.appendEvent(session, partial).blockingGet()).isSameAs(partial);

        assertThat(session.events()).isEmpty();
        assertThat(session.state()).containsExactlyEntriesOf(Map.of("k", "v"));
        assertThat(session.lastUpdateTime()).isEqualTo(before);
        assertThat(fetch("partial", "ann", "p").events()).isEmpty();
    }

    @Test
    void removingAKeyRemovesItInEveryLayer() {
        Session session = service.createSession("remove", "ann",
                Map.of("a", 1, "b", 2, "c", 3, "user:u", "x", "app:g", "y"), "r").blockingGet();
        Event removal = withDelta("rm", 1_000, Map.of("a", State.REMOVED, "user:u", State.REMOVED, "app:g", State.REMOVED));
        service.appendEvent(session, removal).blockingGet();
        // ADK parses JSON nulls as REMOVED, and an event read from JSON may carry the sentinel's string form.
        Event parsed = Event.fromJson("{\"id\":\"rm2\",\"author\":\"agent\",\"timestamp\":2000,"
                + "\"actions\":{\"stateDelta\":{\"b\":null,\"c\":\"__ADK_SENTINEL_REMOVED__\"}}}");
        service.appendEvent(session, parsed).blockingGet();

        assertThat(session.state()).isEmpty();
        Session fresh = fetch("remove", "ann", "r");
        assertThat(fresh.state()).isEmpty();
        assertThat(service.createSession("remove", "ann", Map.of(), "r2").blockingGet().state()).isEmpty();
        assertThat(fresh.events().get(0).actions().stateDelta())
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", State.REMOVED, "user:u", State.REMOVED, "app:g", State.REMOVED));
        assertThat(fresh.events().get(1).actions().stateDelta())
                .containsExactlyInAnyOrderEntriesOf(Map.of("b", State.REMOVED, "c", State.REMOVED));
    }

    @Test
    void tempKeysReachTheCallersSessionButAreNeverStored() {
        Session session = service.createSession("temp", "ann", Map.of(), "t").blockingGet();
        service.appendEvent(session, withDelta("e1", 1_000, Map.of("temp:draft", "v1", "kept", "yes"))).blockingGet();

        assertThat(session.state()).containsExactlyInAnyOrderEntriesOf(Map.of("temp:draft", "v1", "kept", "yes"));
        Session fresh = fetch("temp", "ann", "t");
        assertThat(fresh.state()).containsExactlyEntriesOf(Map.of("kept", "yes"));
        assertThat(fresh.events().get(0).actions().stateDelta()).containsExactlyEntriesOf(Map.of("kept", "yes"));
        assertThat(client.getSession("temp", "ann", "t", GetSessionOptions.allEvents()).events().get(0).stateDelta())
                .containsOnlyKeys("kept");
    }

    @Test
    void everyFieldAndActionRoundTrips() {
        Session session = service.createSession("fields", "ann", Map.of(), "f").blockingGet();
        ConcurrentHashMap<String, Object> delta = new ConcurrentHashMap<>(Map.of(
                "text", "x", "number", 42, "big", 9_000_000_000L, "ratio", 2.5, "nested", Map.of("list", List.of(1, "two")),
                "gone", State.REMOVED));
        Event event = Event.builder()
                .id("full").invocationId("inv-1").author("planner").timestamp(1_732_449_600_001L)
                .content(Content.builder().role("model").parts(List.of(Part.fromText("thinking"),
                        Part.fromFunctionCall("lookup", Map.of("q", "rates")))).build())
                .longRunningToolIds(Set.of("call-1"))
                .turnComplete(true)
                .finishReason(new FinishReason(FinishReason.Known.STOP))
                .errorCode(new FinishReason(FinishReason.Known.MAX_TOKENS))
                .errorMessage("cut short")
                .usageMetadata(GenerateContentResponseUsageMetadata.builder().promptTokenCount(12).totalTokenCount(40).build())
                .avgLogprobs(-0.25)
                .interrupted(false)
                .branch("root.planner")
                .modelVersion("scripted-1")
                .actions(EventActions.builder()
                        .stateDelta(delta)
                        .skipSummarization(true)
                        .artifactDelta(new ConcurrentHashMap<>(Map.of("report.pdf", 3)))
                        .deletedArtifactIds(Set.of("old.txt"))
                        .transferToAgent("billing")
                        .escalate(true)
                        .requestedToolConfirmations(new ConcurrentHashMap<>(Map.of("call-1",
                                ToolConfirmation.builder().hint("pay?").confirmed(false).build())))
                        .endOfAgent(true)
                        .build())
                .build();

        service.appendEvent(session, event).blockingGet();

        Event read = fetch("fields", "ann", "f").events().get(0);
        assertThat(read).isEqualTo(event);
        assertThat(read.actions()).isEqualTo(event.actions());
        assertThat(service.listEvents("fields", "ann", "f").blockingGet().events()).containsExactly(event);
    }

    @Test
    void aRetryOfTheSameEventStoresItOnce() {
        Session session = service.createSession("retry", "ann", Map.of(), "r").blockingGet();
        Event event = withDelta("once", 1_000, Map.of("n", 1));

        service.appendEvent(session, event).blockingGet();
        service.appendEvent(session, event).blockingGet();

        assertThat(session.events()).containsExactly(event);
        assertThat(client.getSession("retry", "ann", "r", GetSessionOptions.allEvents()).version()).isEqualTo(1);
        assertThat(fetch("retry", "ann", "r").events()).containsExactly(event);
    }

    @Test
    void anEventWithoutIdGetsOneBeforeItIsSent() {
        Session session = service.createSession("noid", "ann", Map.of(), "n").blockingGet();
        Event event = Event.builder().author("agent").timestamp(1_000).build();

        service.appendEvent(session, event).blockingGet();

        assertThat(event.id()).isNotBlank();
        assertThat(fetch("noid", "ann", "n").events()).extracting(Event::id).containsExactly(event.id());
    }

    @Test
    void aStaleSessionObjectIsRefusedAndStoresNothing() {
        service.createSession("stale", "ann", Map.of("owner", "nobody"), "s").blockingGet();
        Session first = fetch("stale", "ann", "s");
        Session second = fetch("stale", "ann", "s");
        Instant loaded = second.lastUpdateTime();
        service.appendEvent(first, withDelta("from-first", 1_000, Map.of("owner", "first"))).blockingGet();

        assertThatThrownBy(() -> service.appendEvent(second, withDelta("from-second", 2_000, Map.of("owner", "second"))).blockingGet())
                .isInstanceOfSatisfying(StaleSessionException.class, e -> {
                    assertThat(e.seenVersion()).isZero();
                    assertThat(e.storedVersion()).isEqualTo(1L);
                    assertThat(e.getCause()).isInstanceOf(VersionConflictException.class);
                })
                .hasMessage("Session stale/ann/s was modified in storage since it was loaded (this Session object has"
                        + " version 0, storage has version 1); reload it with getSession and append to the reloaded session");
        // The object is as it was loaded: the event it showed while the request was out is taken back.
        assertThat(second.events()).isEmpty();
        assertThat(second.state()).containsExactlyEntriesOf(Map.of("owner", "nobody"));
        assertThat(second.lastUpdateTime()).isEqualTo(loaded);

        Session reloaded = fetch("stale", "ann", "s");
        service.appendEvent(reloaded, withDelta("from-second", 2_000, Map.of("owner", "second"))).blockingGet();
        assertThat(fetch("stale", "ann", "s").events()).extracting(Event::id).containsExactly("from-first", "from-second");
        // After a failed append the object stays refused: its state may hold writes storage never got.
        assertThatThrownBy(() -> service.appendEvent(second, event("again", 2_500)).blockingGet())
                .isInstanceOfSatisfying(StaleSessionException.class, e -> assertThat(e.seenVersion()).isEqualTo(-1))
                .hasMessageContaining("An earlier append from this Session object of stale/ann/s failed");
        // The first object is behind now too.
        assertThatThrownBy(() -> service.appendEvent(first, event("late", 3_000)).blockingGet())
                .isInstanceOf(StaleSessionException.class);
    }

    @Test  // as a plugin appending with flatMapSingle does: both requests are out before either answer
    void appendsInFlightFromOneSessionObjectAreStoredInCallOrder() throws InterruptedException {
        Session session = service.createSession("inflight", "ann", Map.of(), "f").blockingGet();
        Event first = withDelta("first", 1_000, Map.of("step", 1, "a", "x"));
        Event second = withDelta("second", 2_000, Map.of("step", 2));

        TestObserver<Event> firstAppend = service.appendEvent(session, first).test();
        TestObserver<Event> secondAppend = service.appendEvent(session, second).test();

        firstAppend.await().assertValue(first);
        secondAppend.await().assertValue(second);
        assertThat(session.events()).containsExactly(first, second);
        assertThat(session.state()).containsExactlyInAnyOrderEntriesOf(Map.of("step", 2, "a", "x"));
        io.sessiongrid.client.Session stored = client.getSession("inflight", "ann", "f", GetSessionOptions.allEvents());
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.events()).extracting(io.sessiongrid.client.Event::id).containsExactly("first", "second");
        // The object stays usable: its next append expects version 2 and produces 3.
        service.appendEvent(session, event("third", 3_000)).blockingGet();
        assertThat(client.getSession("inflight", "ann", "f", GetSessionOptions.allEvents()).version()).isEqualTo(3);
        assertThat(fetch("inflight", "ann", "f").events()).extracting(Event::id).containsExactly("first", "second", "third");
    }

    @Test
    void queuedAppendsFromAStaleSessionObjectAreAllRefused() throws InterruptedException {
        service.createSession("stalequeue", "ann", Map.of("owner", "nobody"), "s").blockingGet();
        Session stale = fetch("stalequeue", "ann", "s");
        service.appendEvent(fetch("stalequeue", "ann", "s"), event("other", 500)).blockingGet();

        TestObserver<Event> firstAppend = service.appendEvent(stale, withDelta("first", 1_000, Map.of("owner", "first"))).test();
        TestObserver<Event> secondAppend = service.appendEvent(stale, withDelta("second", 2_000, Map.of("owner", "second"))).test();

        firstAppend.await().assertError(e -> e instanceof StaleSessionException stale0
                && stale0.seenVersion() == 0 && stale0.storedVersion() == 1L);
        secondAppend.await().assertError(e -> e instanceof StaleSessionException failed && failed.seenVersion() == -1);
        assertThat(stale.events()).isEmpty();
        assertThat(stale.state()).containsExactlyEntriesOf(Map.of("owner", "nobody"));
        assertThat(fetch("stalequeue", "ann", "s").events()).extracting(Event::id).containsExactly("other");
    }

    @Test
    void aReplayDoesNotHideAnotherWritersEvents() {
        service.createSession("replay", "ann", Map.of(), "r").blockingGet();
        Session first = fetch("replay", "ann", "r");
        // The first object's append of e1 reached storage, but its answer was lost (as after a timeout).
        client.appendEvent("replay", "ann", "r", EventCodec.toGrid(event("e1", 1_000)));
        Session second = fetch("replay", "ann", "r");
        service.appendEvent(second, event("e2", 2_000)).blockingGet();

        service.appendEvent(first, event("e1", 1_000)).blockingGet();  // the retry: stored once already

        assertThatThrownBy(() -> service.appendEvent(first, event("e3", 3_000)).blockingGet())
                .isInstanceOf(StaleSessionException.class);
        assertThat(fetch("replay", "ann", "r").events()).extracting(Event::id).containsExactly("e1", "e2");
    }

    @Test
    void eventsStorageDropsLeaveTheCallersSessionToo() {
        Session session = service.createSession("capped", "ann", Map.of(), "c").blockingGet();
        for (int i = 1; i <= 5; i++) {
            service.appendEvent(session, event("e" + i, i * 1_000L)).blockingGet();
        }

        assertThat(session.events()).extracting(Event::id).containsExactly("e3", "e4", "e5");
        assertThat(fetch("capped", "ann", "c").events()).extracting(Event::id).containsExactly("e3", "e4", "e5");
    }

    @Test
    void anAppendIsSentOnlyWhenSubscribed() {
        Session session = service.createSession("cold", "ann", Map.of(), "c").blockingGet();
        Event event = Event.builder().author("agent").timestamp(1_000).build();

        io.reactivex.rxjava3.core.Single<Event> append = service.appendEvent(session, event);

        assertThat(event.id()).isNull();
        assertThat(session.events()).isEmpty();
        assertThat(fetch("cold", "ann", "c").events()).isEmpty();
        append.blockingGet();
        assertThat(fetch("cold", "ann", "c").events()).extracting(Event::id).containsExactly(event.id());
    }

    @Test
    void theVersionCheckCanBeSwitchedOff() {
        SessionGridSessionService unchecked = SessionGridSessionService.builder(client).checkVersions(false).build();
        unchecked.createSession("unchecked", "ann", Map.of(), "u").blockingGet();
        Session first = unchecked.getSession("unchecked", "ann", "u", Optional.empty()).blockingGet();
        Session second = unchecked.getSession("unchecked", "ann", "u", Optional.empty()).blockingGet();

        unchecked.appendEvent(first, event("a", 1_000)).blockingGet();
        unchecked.appendEvent(second, event("b", 2_000)).blockingGet();

        assertThat(fetch("unchecked", "ann", "u").events()).extracting(Event::id).containsExactly("a", "b");
    }

    @Test
    void appendingToADeletedSessionIsSessionNotFound() {
        Session session = service.createSession("deleted", "ann", Map.of(), "d").blockingGet();
        Instant created = session.lastUpdateTime();
        service.deleteSession("deleted", "ann", "d").blockingAwait();

        assertThatThrownBy(() -> service.appendEvent(session, withDelta("e", 1_000, Map.of("k", 1))).blockingGet())
                .isInstanceOf(SessionNotFoundException.class)
                .isInstanceOf(SessionException.class)
                .hasMessageStartingWith("Appending event e to session deleted/ann/d failed: HTTP 404");
        assertThat(session.events()).isEmpty();
        assertThat(session.state()).isEmpty();
        assertThat(session.lastUpdateTime()).isEqualTo(created);
    }

    private static Session fetch(String app, String user, String id) {
        return service.getSession(app, user, id, Optional.empty()).blockingGet();
    }

    private static Event withDelta(String id, long timestampMillis, Map<String, Object> delta) {
        return Event.builder().id(id).invocationId("inv").author("agent").timestamp(timestampMillis)
                .actions(EventActions.builder().stateDelta(new ConcurrentHashMap<>(delta)).build()).build();
    }
}
