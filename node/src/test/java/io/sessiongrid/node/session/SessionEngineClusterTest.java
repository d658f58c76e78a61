package io.sessiongrid.node.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessiongrid.node.session.model.EventWindow;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.model.StoredEvent;
import io.sessiongrid.node.session.process.AppendEventProcessor;
import io.sessiongrid.node.session.process.SessionLimits;
import io.sessiongrid.node.support.Engines;
import io.sessiongrid.node.support.ManualClock;
import io.sessiongrid.node.support.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.sessiongrid.node.support.StateText.bytes;
import static io.sessiongrid.node.support.StateText.obj;
import static io.sessiongrid.node.support.StateText.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's semantics on a real three-member cluster. */
class SessionEngineClusterTest {

    private static final long ANY = AppendEventProcessor.ANY_VERSION;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static TestCluster cluster;
    private static ManualClock clock;
    private static SessionService engine;
    private static SessionService engineOnThird;

    @BeforeAll
    static void start() {
        cluster = new TestCluster(3);
        clock = new ManualClock(1_700_000_000.25);
        engine = Engines.on(cluster.member(0), clock);
        engineOnThird = Engines.on(cluster.member(2), clock);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @BeforeEach
    void resetClock() {
        clock.set(1_700_000_000.25);
    }

    @Test
    void createSplitsInitialStateByLayerAndDropsTempKeys() {
        Session s = engine.create("create-app", "alice", "s1",
                obj("{\"a\":1.10,\"app:theme\":\"dark\",\"user:lang\":\"en\",\"temp:scratch\":true}"));

        assertThat(s.version()).isZero();
        assertThat(s.createTime()).isEqualTo(1_700_000_000.25);
        assertThat(s.lastUpdateTime()).isEqualTo(1_700_000_000.25);
        assertThat(s.events()).isEmpty();
        assertThat(text(s.state())).containsExactly(
                Map.entry("a", "1.10"), Map.entry("app:theme", "\"dark\""), Map.entry("user:lang", "\"en\""));
        assertThat(text(engine.appState("create-app"))).containsExactly(Map.entry("theme", "\"dark\""));
        assertThat(text(engine.userState("create-app", "alice"))).containsExactly(Map.entry("lang", "\"en\""));
    }

    @Test
    void createWithoutIdGeneratesUnguessableUrlSafeIds() {
        Session a = engine.create("gen-app", "u", null, null);
        Session b = engine.create("gen-app", "u", null, null);

        assertThat(a.key().sessionId()).matches("[A-Za-z0-9_-]{22}");
        assertThat(b.key().sessionId()).matches("[A-Za-z0-9_-]{22}").isNotEqualTo(a.key().sessionId());
    }

    @Test
    void createOnATakenIdFailsAndKeepsTheOriginal() {
        engine.create("dup-app", "u", "s", obj("{\"k\":\"first\"}"));

        assertThatThrownBy(() -> engine.create("dup-app", "u", "s", obj("{\"k\":\"second\"}")))
                .isInstanceOf(SessionGridError.class)
                .extracting(e -> ((SessionGridError) e).kind()).isEqualTo(SessionGridError.Kind.SESSION_EXISTS);
        assertThat(text(engine.get("dup-app", "u", "s", EventWindow.ALL).state()))
                .containsExactly(Map.entry("k", "\"first\""));
    }

    @Test
    void getAndAppendOnAnAbsentSessionAreNotFound() {
        assertKind(() -> engine.get("absent-app", "u", "nope", EventWindow.ALL), SessionGridError.Kind.SESSION_NOT_FOUND);
        assertKind(() -> engine.append("absent-app", "u", "nope", event("e1", 1.0, "{}"), ANY),
                SessionGridError.Kind.SESSION_NOT_FOUND);
        assertKind(() -> engine.events("absent-app", "u", "nope", null, null, null), SessionGridError.Kind.SESSION_NOT_FOUND);
    }

    @Test
    void appendMergesEachLayerBumpsVersionAndMovesLastUpdateTime() {
        engine.create("append-app", "bob", "s", null);

        AppendResult r1 = engine.append("append-app", "bob", "s",
                event("e1", 100.5, "{\"count\":1,\"app:motd\":\"hi\",\"user:tier\":\"gold\",\"temp:t\":9}"), ANY);
        AppendResult r2 = engine.append("append-app", "bob", "s", event("e2", 101.0, "{\"count\":2}"), ANY);

        assertThat(r1.version()).isEqualTo(1);
        assertThat(r2.version()).isEqualTo(2);
        assertThat(r1.replayed()).isFalse();
        Session s = engineOnThird.get("append-app", "bob", "s", EventWindow.ALL);
        assertThat(s.version()).isEqualTo(2);
        assertThat(s.lastUpdateTime()).isEqualTo(101.0);
        assertThat(text(s.state())).containsExactly(
                Map.entry("count", "2"), Map.entry("app:motd", "\"hi\""), Map.entry("user:tier", "\"gold\""));
        assertThat(s.events()).hasSize(2);
        JsonNode stored = tree(s.events().get(0));
        assertThat(stored.path("actions").path("stateDelta").has("temp:t")).isFalse();
        assertThat(stored.path("actions").path("stateDelta").path("app:motd").asText()).isEqualTo("hi");
    }

    @Test
    void storedEventKeepsUnknownFieldsNullsAndExactDecimals() {
        engine.create("fidelity-app", "u", "s", null);
        String sent = "{\"id\":\"e1\",\"author\":\"model\",\"timestamp\":5.5,\"content\":{\"n\":null,\"x\":1.10,"
                + "\"parts\":[]},\"actions\":{\"stateDelta\":{},\"transferToAgent\":\"b\",\"custom\":{\"deep\":[1,null]}},"
                + "\"groundingMetadata\":{\"k\":\"v\"}}";

        AppendResult r = engine.append("fidelity-app", "u", "s", sent.getBytes(StandardCharsets.UTF_8), ANY);

        assertThat(new String(r.event(), StandardCharsets.UTF_8)).isEqualTo(sent);
        assertThat(new String(engine.get("fidelity-app", "u", "s", EventWindow.ALL).events().get(0),
                StandardCharsets.UTF_8)).isEqualTo(sent);
    }

    @Test
    void serverFillsMissingIdAndTimestamp() {
        engine.create("fill-app", "u", "s", null);
        clock.set(1_700_000_123.5);

        AppendResult r = engine.append("fill-app", "u", "s", "{\"author\":\"user\"}".getBytes(StandardCharsets.UTF_8), ANY);

        JsonNode stored = tree(r.event());
        assertThat(stored.path("id").asText()).matches("[A-Za-z0-9_-]{22}");
        assertThat(stored.path("timestamp").asDouble()).isEqualTo(1_700_000_123.5);
        assertThat(engine.get("fill-app", "u", "s", EventWindow.ALL).lastUpdateTime()).isEqualTo(1_700_000_123.5);
    }

    @Test
    void partialEventIsReturnedButChangesNothing() {
        engine.create("partial-app", "u", "s", obj("{\"k\":0}"));

        AppendResult r = engine.append("partial-app", "u", "s", bytes(
                "{\"id\":\"p1\",\"partial\":true,\"timestamp\":9.0,\"actions\":{\"stateDelta\":{\"k\":1,\"app:a\":1}}}"), ANY);

        assertThat(r.stored()).isFalse();
        assertThat(tree(r.event()).path("partial").asBoolean()).isTrue();
        Session s = engine.get("partial-app", "u", "s", EventWindow.ALL);
        assertThat(s.version()).isZero();
        assertThat(s.events()).isEmpty();
        assertThat(text(s.state())).containsExactly(Map.entry("k", "0"));
        assertThat(engine.appState("partial-app")).isEmpty();
    }

    @Test
    void reAppendingAStoredEventIdChangesNothingAndReturnsTheStoredEvent() {
        engine.create("idem-app", "u", "s", null);
        engine.append("idem-app", "u", "s", event("e1", 1.0, "{\"k\":\"original\"}"), ANY);
        engine.append("idem-app", "u", "s", event("e2", 2.0, "{}"), ANY);

        AppendResult retry = engine.append("idem-app", "u", "s", event("e1", 3.0, "{\"k\":\"changed\"}"), 0);

        assertThat(retry.replayed()).isTrue();
        assertThat(retry.version()).isEqualTo(2);
        assertThat(tree(retry.event()).path("timestamp").asDouble()).isEqualTo(1.0);
        Session s = engine.get("idem-app", "u", "s", EventWindow.ALL);
        assertThat(s.version()).isEqualTo(2);
        assertThat(s.events()).hasSize(2);
        assertThat(text(s.state())).containsExactly(Map.entry("k", "\"original\""));
    }

    @Test
    void expectedVersionMismatchIsRefusedAndChangesNothing() {
        engine.create("cas-app", "u", "s", null);
        engine.append("cas-app", "u", "s", event("e1", 1.0, "{\"k\":1}"), 0);

        assertThatThrownBy(() -> engine.append("cas-app", "u", "s", event("e2", 2.0, "{\"k\":2}"), 0))
                .isInstanceOfSatisfying(VersionMismatchError.class, e -> assertThat(e.currentVersion()).isEqualTo(1));
        Session s = engine.get("cas-app", "u", "s", EventWindow.ALL);
        assertThat(s.version()).isEqualTo(1);
        assertThat(text(s.state())).containsExactly(Map.entry("k", "1"));
        assertThat(engine.append("cas-app", "u", "s", event("e2", 2.0, "{\"k\":2}"), 1).version()).isEqualTo(2);
    }

    @Test
    void aRetriedOlderEventNeverOverwritesANewerSharedValue() {
        engine.create("order-app", "u1", "s1", null);
        engine.create("order-app", "u1", "s2", null);
        engine.append("order-app", "u1", "s1", event("old", 100.0, "{\"app:k\":\"old\",\"user:k\":\"old\"}"), ANY);
        engine.append("order-app", "u1", "s2", event("new", 50.0, "{\"app:k\":\"new\",\"user:k\":\"new\"}"), ANY);

        AppendResult retry = engine.append("order-app", "u1", "s1",
                event("old", 100.0, "{\"app:k\":\"old\",\"user:k\":\"old\"}"), ANY);

        assertThat(retry.replayed()).isTrue();
        assertThat(text(engine.appState("order-app"))).containsExactly(Map.entry("k", "\"new\""));
        assertThat(text(engine.userState("order-app", "u1"))).containsExactly(Map.entry("k", "\"new\""));
    }

    @Test
    void aClientClockFarAheadDoesNotFreezeASharedKey() {
        engine.create("skew-app", "u", "a", null);
        engine.create("skew-app", "u", "b", null);
        engine.append("skew-app", "u", "a", event("future", 9_999_999_999.0, "{\"app:mode\":\"future\"}"), ANY);

        engine.append("skew-app", "u", "b", event("now", 1_700_000_001.0, "{\"app:mode\":\"now\"}"), ANY);

        assertThat(text(engine.appState("skew-app"))).containsExactly(Map.entry("mode", "\"now\""));
    }

    @Test
    void retryAfterAnAppendStoppedHalfWayAppliesTheSharedLayers() {
        engine.create("halfway-app", "u", "s", null);
        // Step one only, as if the node died before the user and app deltas: the session holds the event.
        cluster.member(1).<SessionKey, SessionRecord>getMap("sessions.halfway-app").executeOnKey(
                new SessionKey("halfway-app", "u", "s"),
                new AppendEventProcessor(StoredEvent.incoming("e1", 5.0, event("e1", 5.0, "{\"k\":1,\"user:u\":2,\"app:a\":3}")),
                        Map.of("k", bytes("1")), ANY, SessionLimits.NONE));
        assertThat(engine.userState("halfway-app", "u")).isEmpty();

        AppendResult retry = engine.append("halfway-app", "u", "s", event("e1", 5.0, "{\"k\":1,\"user:u\":2,\"app:a\":3}"), ANY);

        assertThat(retry.replayed()).isTrue();
        assertThat(retry.version()).isEqualTo(1);
        assertThat(text(engine.userState("halfway-app", "u"))).containsExactly(Map.entry("u", "2"));
        assertThat(text(engine.appState("halfway-app"))).containsExactly(Map.entry("a", "3"));
        assertThat(text(engine.get("halfway-app", "u", "s", EventWindow.ALL).state()))
                .containsExactly(Map.entry("k", "1"), Map.entry("app:a", "3"), Map.entry("user:u", "2"));
    }

    @Test
    void partialEventStillNeedsTheSessionAndTheExpectedVersion() {
        engine.create("partial-check-app", "u", "s", null);
        byte[] partial = bytes("{\"partial\":true,\"author\":\"a\"}");

        assertKind(() -> engine.append("partial-check-app", "u", "missing", partial, ANY), SessionGridError.Kind.SESSION_NOT_FOUND);
        assertKind(() -> engine.append("partial-check-app", "u", "s", partial, 3), SessionGridError.Kind.VERSION_MISMATCH);
        assertThat(engine.append("partial-check-app", "u", "s", partial, 0).stored()).isFalse();
    }

    @Test
    void pageTokensOnlyContinueTheListingThatIssuedThem() {
        engine.create("scope-app", "a", "s1", null);
        engine.create("scope-app", "a", "s2", null);
        String token = engine.list("scope-app", "a", 1, null).nextPageToken();
        assertThat(token).isNotNull();

        assertKind(() -> engine.list("scope-app", "b", 1, token), SessionGridError.Kind.INVALID_REQUEST);
        assertKind(() -> engine.list("scope-app", null, 1, token), SessionGridError.Kind.INVALID_REQUEST);
        assertKind(() -> engine.events("scope-app", "a", "s1", 1, token, null), SessionGridError.Kind.INVALID_REQUEST);
        assertThat(engine.list("scope-app", "a", 1, token).sessions()).extracting(s -> s.key().sessionId()).containsExactly("s2");
    }

    @Test
    void idsAndStateKeysWithUnpairedSurrogatesAreRefused() {
        assertKind(() -> engine.create("sur-app", "u", "bad\ud800", null), SessionGridError.Kind.INVALID_ID);
        // State keys are held to it where request JSON is read (StateJsonTest has the rest).
        assertKind(() -> engine.create("sur-app", "u", "s", new SessionBeans().stateJson()
                .parseObject(bytes("{\"app:\\ud800\":1}"), "State")), SessionGridError.Kind.MALFORMED_JSON);
        assertThat(engine.create("sur-app", "u", "emoji-\ud83d\ude00", null).key().sessionId()).isEqualTo("emoji-\ud83d\ude00");
    }

    @Test
    void getSelectsRecentEventsAndEventsAtOrAfterATimestamp() {
        engine.create("window-app", "u", "s", null);
        for (int i = 1; i <= 5; i++) {
            engine.append("window-app", "u", "s", event("e" + i, 10.0 * i, "{}"), ANY);
        }

        assertThat(ids(engine.get("window-app", "u", "s", new EventWindow(2, Double.NaN)).events())).containsExactly("e4", "e5");
        assertThat(ids(engine.get("window-app", "u", "s", new EventWindow(-1, 30.0)).events())).containsExactly("e3", "e4", "e5");
        assertThat(ids(engine.get("window-app", "u", "s", new EventWindow(1, 30.0)).events())).containsExactly("e5");
        assertThat(ids(engine.get("window-app", "u", "s", new EventWindow(10, 45.0)).events())).containsExactly("e5");
        assertThat(engine.get("window-app", "u", "s", new EventWindow(0, Double.NaN)).events()).isEmpty();
        assertThat(engine.get("window-app", "u", "s", new EventWindow(0, Double.NaN)).version()).isEqualTo(5);
    }

    @Test
    void afterTimestampWorksWhenTimestampsArriveOutOfOrder() {
        engine.create("unordered-app", "u", "s", null);
        double[] ts = {50, 10, 40, 20, 30};
        for (int i = 0; i < ts.length; i++) {
            engine.append("unordered-app", "u", "s", event("e" + i, ts[i], "{}"), ANY);
        }

        assertThat(ids(engine.get("unordered-app", "u", "s", new EventWindow(-1, 30.0)).events()))
                .containsExactly("e0", "e2", "e4");
        EventPage first = engine.events("unordered-app", "u", "s", 2, null, 30.0);
        assertThat(ids(first.events())).containsExactly("e0", "e2");
        assertThat(ids(engine.events("unordered-app", "u", "s", 2, first.nextPageToken(), 30.0).events()))
                .containsExactly("e4");
    }

    @Test
    void eventLogPagesInAppendOrder() {
        engine.create("pages-app", "u", "s", null);
        for (int i = 1; i <= 5; i++) {
            engine.append("pages-app", "u", "s", event("e" + i, i, "{}"), ANY);
        }

        EventPage p1 = engine.events("pages-app", "u", "s", 2, null, null);
        EventPage p2 = engine.events("pages-app", "u", "s", 2, p1.nextPageToken(), null);
        EventPage p3 = engine.events("pages-app", "u", "s", 2, p2.nextPageToken(), null);

        assertThat(ids(p1.events())).containsExactly("e1", "e2");
        assertThat(ids(p2.events())).containsExactly("e3", "e4");
        assertThat(ids(p3.events())).containsExactly("e5");
        assertThat(p3.nextPageToken()).isNull();
        assertThat(ids(engine.events("pages-app", "u", "s", 10, null, 4.0).events())).containsExactly("e4", "e5");
    }

    @Test
    void listsAUsersSessionsAndTheWholeAppInPages() {
        for (String user : List.of("carol", "dave")) {
            for (int i = 1; i <= 3; i++) {
                engine.create("list-app", user, "s" + i, obj("{\"n\":" + i + "}"));
            }
        }
        engine.append("list-app", "carol", "s1", event("e1", 5.0, "{\"user:seen\":true,\"app:v\":2}"), ANY);

        SessionPage first = engine.list("list-app", "carol", 2, null);
        SessionPage second = engine.list("list-app", "carol", 2, first.nextPageToken());
        assertThat(first.sessions()).extracting(s -> s.key().sessionId()).containsExactly("s1", "s2");
        assertThat(second.sessions()).extracting(s -> s.key().sessionId()).containsExactly("s3");
        assertThat(second.nextPageToken()).isNull();
        Session s1 = first.sessions().get(0);
        assertThat(s1.events()).isEmpty();
        assertThat(s1.version()).isEqualTo(1);
        assertThat(text(s1.state())).containsExactly(
                Map.entry("n", "1"), Map.entry("app:v", "2"), Map.entry("user:seen", "true"));

        List<String> all = new ArrayList<>();
        String token = null;
        do {
            SessionPage page = engineOnThird.list("list-app", null, 4, token);
            page.sessions().forEach(s -> all.add(s.key().userId() + "/" + s.key().sessionId()));
            token = page.nextPageToken();
        } while (token != null);
        assertThat(all).containsExactly("carol/s1", "carol/s2", "carol/s3", "dave/s1", "dave/s2", "dave/s3");
        assertThat(text(engine.list("list-app", "dave", 1, null).sessions().get(0).state()))
                .containsExactly(Map.entry("n", "1"), Map.entry("app:v", "2"));
    }

    @Test
    void deleteIsIdempotentAndKeepsSharedState() {
        engine.create("del-app", "u", "s", obj("{\"user:keep\":1}"));

        engine.delete("del-app", "u", "s");
        engine.delete("del-app", "u", "s");

        assertKind(() -> engine.get("del-app", "u", "s", EventWindow.ALL), SessionGridError.Kind.SESSION_NOT_FOUND);
        assertThat(text(engine.userState("del-app", "u"))).containsExactly(Map.entry("keep", "1"));
        assertThat(engine.list("del-app", "u", null, null).sessions()).isEmpty();
    }

    @Test
    void rejectsBadIdsAndBadEvents() {
        assertKind(() -> engine.get("app", "u", "", EventWindow.ALL), SessionGridError.Kind.INVALID_ID);
        assertKind(() -> engine.get("app", "u", "x".repeat(257), EventWindow.ALL), SessionGridError.Kind.INVALID_ID);
        assertKind(() -> engine.get("app", "u\n", "s", EventWindow.ALL), SessionGridError.Kind.INVALID_ID);
        engine.create("bad-app", "u", "s", null);
        assertKind(() -> engine.append("bad-app", "u", "s", bytes("{\"id\":"), ANY), SessionGridError.Kind.MALFORMED_JSON);
        assertKind(() -> engine.append("bad-app", "u", "s", bytes("[]"), ANY), SessionGridError.Kind.INVALID_REQUEST);
        assertKind(() -> engine.append("bad-app", "u", "s", bytes("{\"id\":7}"), ANY), SessionGridError.Kind.INVALID_REQUEST);
        assertKind(() -> engine.append("bad-app", "u", "s", bytes("{\"timestamp\":\"now\"}"), ANY), SessionGridError.Kind.INVALID_REQUEST);
        assertKind(() -> engine.append("bad-app", "u", "s", bytes("{\"partial\":\"yes\"}"), ANY), SessionGridError.Kind.INVALID_REQUEST);
        assertKind(() -> engine.append("bad-app", "u", "s", bytes("{\"actions\":{\"stateDelta\":[1]}}"), ANY),
                SessionGridError.Kind.INVALID_REQUEST);
        assertKind(() -> engine.append("bad-app", "u", "s", bytes("{\"actions\":{\"stateDelta\":{\"app:\":1}}}"), ANY),
                SessionGridError.Kind.INVALID_REQUEST);
        assertKind(() -> engine.list("bad-app", "u", 0, null), SessionGridError.Kind.INVALID_REQUEST);
        assertKind(() -> engine.list("bad-app", "u", null, "not-a-token"), SessionGridError.Kind.INVALID_REQUEST);
        assertThat(engine.get("bad-app", "u", "s", EventWindow.ALL).version()).isZero();
    }

    // --- helpers

    @Test
    void aNullInAStateDeltaRemovesTheKeyInEveryLayerAndAnOlderRetryCannotBringItBack() {
        engine.create("remove-app", "rita", "s", obj("{\"a\":1,\"b\":\"keep\",\"user:u\":1,\"app:x\":1,\"gone\":null}"));
        assertThat(engine.get("remove-app", "rita", "s", EventWindow.ALL).traits().sizeBytes()).isEqualTo(2 + 7);
        engine.append("remove-app", "rita", "s", event("set", 10.0, "{\"a\":2,\"user:u\":2,\"app:x\":2}"), ANY);
        clock.set(1_700_000_001.25);
        engine.append("remove-app", "rita", "s", event("drop", 11.0, "{\"a\":null,\"user:u\":null,\"app:x\":null}"), ANY);

        Session after = engine.get("remove-app", "rita", "s", EventWindow.ALL);
        assertThat(text(after.state())).containsExactly(Map.entry("b", "\"keep\""));
        assertThat(after.traits().sizeBytes()).isEqualTo(1 + 6 + after.events().stream().mapToLong(e -> e.length).sum());
        assertThat(engine.userState("remove-app", "rita")).isEmpty();
        assertThat(engine.appState("remove-app")).isEmpty();

        // A blind retry of the earlier event re-applies its shared deltas with their original stamp.
        AppendResult replay = engine.append("remove-app", "rita", "s", event("set", 10.0, "{\"a\":2,\"user:u\":2,\"app:x\":2}"), ANY);
        assertThat(replay.replayed()).isTrue();
        assertThat(engine.userState("remove-app", "rita")).isEmpty();
        assertThat(engine.appState("remove-app")).isEmpty();
        // Read through another member too: the backups applied the removals.
        assertThat(text(engineOnThird.get("remove-app", "rita", "s", EventWindow.ALL).state())).containsExactly(Map.entry("b", "\"keep\""));
    }



    static byte[] event(String id, double timestamp, String stateDelta) {
        return bytes("{\"id\":\"" + id + "\",\"author\":\"test\",\"timestamp\":" + timestamp
                + ",\"actions\":{\"stateDelta\":" + stateDelta + "}}");
    }

    static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<String> ids(List<byte[]> events) {
        return events.stream().map(e -> tree(e).path("id").asText()).toList();
    }


    static void assertKind(Runnable call, SessionGridError.Kind kind) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SessionGridError.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }
}
