package io.sessiongrid.node.session.lifecycle;

import io.sessiongrid.node.http.json.SessionJson;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.policy.EventsOverflow;
import io.sessiongrid.node.session.AppendResult;
import io.sessiongrid.node.session.EventPage;
import io.sessiongrid.node.session.PolicyViolationError;
import io.sessiongrid.node.session.Session;
import io.sessiongrid.node.session.SessionGridError;
import io.sessiongrid.node.session.SessionService;
import io.sessiongrid.node.session.model.EventWindow;
import io.sessiongrid.node.session.model.SessionTraits;
import io.sessiongrid.node.support.Engines;
import io.sessiongrid.node.support.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static io.sessiongrid.node.session.process.AppendEventProcessor.ANY_VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Size limits where the session lives: refusals change nothing, DROP_OLDEST trims and survives a crash. */
class SizeLimitsTest {

    private static TestCluster cluster;
    private static SessionService sessions;

    @BeforeAll
    static void start() {
        AppPolicy defaults = AppPolicy.BUILT_IN;
        cluster = new TestCluster(3, new AppPolicies(defaults, Map.of(
                "sized", defaults.toBuilder().maxEventBytes(300).maxSessionBytes(1000).maxEvents(3).build(),
                "byte-capped", defaults.toBuilder().maxSessionBytes(1000).build(),
                "dropping", defaults.toBuilder().maxEvents(3).eventsOverflow(EventsOverflow.DROP_OLDEST).build(),
                "dropping-bytes", defaults.toBuilder().maxSessionBytes(700)
                        .eventsOverflow(EventsOverflow.DROP_OLDEST).build()), false));
        sessions = Engines.engine(cluster.member(0), cluster.policies(), Clock.systemUTC()).sessions();
        // Sessions without limits, to learn how large the normalized form of an event is.
        sessions.create("unlimited", "u", "probe", null);
        sessions.create("unlimited", "v", "probe", null);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aRefusedAppendLeavesTheSessionByteForByteAsItWas() {
        sessions.create("sized", "u", "s", ExpiryTest.obj("{\"k\":1}"));
        for (int i = 1; i <= 3; i++) {
            sessions.append("sized", "u", "s", event("e" + i, "{\"k\":" + (i + 1) + "}"), ANY_VERSION);
        }
        byte[] before = snapshot("sized", "s");

        assertRefused(() -> sessions.append("sized", "u", "s", event("e4", "{\"k\":9,\"user:x\":1,\"app:y\":1}"), ANY_VERSION),
                "max-events", 3, 4);
        String big = "{\"id\":\"big\",\"author\":\"test\",\"timestamp\":1700000000.5,\"content\":{\"text\":\"" + "x".repeat(300) + "\"}}";
        int bigSize = sessions.append("unlimited", "u", "probe", big.getBytes(StandardCharsets.UTF_8), ANY_VERSION)
                .event().length;
        assertRefused(() -> sessions.append("sized", "u", "s", big.getBytes(StandardCharsets.UTF_8), ANY_VERSION),
                "max-event-bytes", 300, bigSize);

        assertThat(snapshot("sized", "s")).isEqualTo(before);
        assertThat(sessions.userState("sized", "u")).isEmpty();
        assertThat(sessions.appState("sized")).isEmpty();
        assertThat(cluster.counted("sessiongrid.violations", "app", "sized", "kind", "max-events")).isEqualTo(1.0);
        assertThat(cluster.counted("sessiongrid.violations", "app", "sized", "kind", "max-event-bytes")).isEqualTo(1.0);
    }

    @Test
    void sessionBytesCountEventsAndOwnStateAtCreateAndAppend() {
        assertRefused(() -> sessions.create("byte-capped", "u", "fat", ExpiryTest.obj("{\"blob\":\"" + "x".repeat(1000) + "\"}")),
                "max-session-bytes", 1000, 4 + 1002);
        assertThat(sessions.list("byte-capped", "u", null, null).sessions()).extracting(s -> s.key().sessionId())
                .doesNotContain("fat");

        Session created = sessions.create("byte-capped", "v", "grows", ExpiryTest.obj("{\"note\":\"" + "n".repeat(400) + "\"}"));
        assertThat(created.traits().sizeBytes()).isEqualTo(4 + 402);
        byte[] e1 = event("e1", "{\"note\":\"" + "m".repeat(100) + "\"}");
        AppendResult first = sessions.append("byte-capped", "v", "grows", e1, ANY_VERSION);
        long afterFirst = 4 + 102 + first.event().length;
        assertThat(sessions.get("byte-capped", "v", "grows", EventWindow.ALL).traits().sizeBytes()).isEqualTo(afterFirst);

        byte[] e2 = event("e2", "{\"more\":\"" + "z".repeat(400) + "\"}");
        int e2Size = sessions.append("unlimited", "v", "probe", e2, ANY_VERSION).event().length;
        assertRefused(() -> sessions.append("byte-capped", "v", "grows", e2, ANY_VERSION),
                "max-session-bytes", 1000, afterFirst + e2Size + 4 + 402);
    }

    @Test
    void dropOldestKeepsTheNewestEventsAndTheirIndexes() {
        sessions.create("dropping", "u", "s", null);
        int[] dropped = new int[6];
        for (int i = 1; i <= 5; i++) {
            dropped[i] = sessions.append("dropping", "u", "s", event("e" + i, "{\"last\":" + i + "}"), ANY_VERSION)
                    .droppedEvents();
        }
        assertThat(dropped).containsExactly(0, 0, 0, 0, 1, 1);

        Session s = sessions.get("dropping", "u", "s", EventWindow.ALL);
        assertThat(s.version()).isEqualTo(5);
        assertThat(ids(s.events())).containsExactly("e3", "e4", "e5");
        assertThat(new String(s.state().get("last"), StandardCharsets.UTF_8)).isEqualTo("5");
        long expectedBytes = 4 + 1 + s.events().stream().mapToLong(e -> e.length).sum();
        assertThat(s.traits().sizeBytes()).isEqualTo(expectedBytes);

        EventPage first = sessions.events("dropping", "u", "s", 2, null, null);
        assertThat(ids(first.events())).containsExactly("e3", "e4");
        sessions.append("dropping", "u", "s", event("e6", "{}"), ANY_VERSION);
        // The log moved on by one; the token still points at the event after e4.
        EventPage second = sessions.events("dropping", "u", "s", 2, first.nextPageToken(), null);
        assertThat(ids(second.events())).containsExactly("e5", "e6");
        assertThat(second.nextPageToken()).isNull();

        AppendResult retry = sessions.append("dropping", "u", "s", event("e6", "{}"), ANY_VERSION);
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.version()).isEqualTo(6);
        assertThat(cluster.counted("sessiongrid.violations", "app", "dropping", "kind", "events-dropped")).isEqualTo(3.0);
    }

    @Test
    void dropOldestMakesRoomByBytesAndRefusesWhatCannotFitAtAll() {
        sessions.create("dropping-bytes", "u", "s", ExpiryTest.obj("{\"k\":\"" + "k".repeat(94) + "\"}"));
        String filler = "f".repeat(150);
        int totalDropped = 0;
        for (int i = 1; i <= 6; i++) {
            totalDropped += sessions.append("dropping-bytes", "u", "s",
                    event("e" + i, "{\"f\":\"" + filler + i + "\"}"), ANY_VERSION).droppedEvents();
        }
        Session s = sessions.get("dropping-bytes", "u", "s", EventWindow.ALL);
        assertThat(s.traits().sizeBytes()).isLessThanOrEqualTo(700);
        assertThat(ids(s.events())).last().isEqualTo("e6");
        assertThat(totalDropped + s.events().size()).isEqualTo(6);
        assertThat(totalDropped).isPositive();

        byte[] huge = event("huge", "{\"h\":\"" + "h".repeat(700) + "\"}");
        assertThatThrownBy(() -> sessions.append("dropping-bytes", "u", "s", huge, ANY_VERSION))
                .isInstanceOfSatisfying(PolicyViolationError.class, e -> assertThat(e.limit()).isEqualTo("max-session-bytes"));
        assertThat(withoutAccessTime(sessions.get("dropping-bytes", "u", "s", EventWindow.ALL)))
                .isEqualTo(withoutAccessTime(s));
    }

    @Test
    void backupsDropWhatThePrimaryDroppedSoACrashChangesNothing() {
        int count = 12;
        for (int u = 0; u < count; u++) {
            sessions.create("dropping", "crash-" + u, "s", null);
            for (int i = 1; i <= 5; i++) {
                sessions.append("dropping", "crash-" + u, "s", event("e" + i, "{\"last\":" + i + "}"), ANY_VERSION);
            }
        }
        cluster.member(1).getLifecycleService().terminate();
        for (int u = 0; u < count; u++) {
            Session s = sessions.get("dropping", "crash-" + u, "s", EventWindow.ALL);
            assertThat(ids(s.events())).as("user crash-" + u).containsExactly("e3", "e4", "e5");
            assertThat(s.version()).isEqualTo(5);
            assertThat(s.traits().sizeBytes()).isEqualTo(4 + 1 + s.events().stream().mapToLong(e -> e.length).sum());
        }
    }

    private static void assertRefused(ThrowingRunnable call, String limit, long maximum, long size) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(PolicyViolationError.class, e -> {
            assertThat(e.kind()).isEqualTo(SessionGridError.Kind.POLICY_VIOLATION);
            assertThat(e.limit()).isEqualTo(limit);
            assertThat(e.maximum()).isEqualTo(maximum);
            assertThat(e.size()).isEqualTo(size);
        });
    }

    private interface ThrowingRunnable {
        void run() throws Throwable;
    }

    private static byte[] snapshot(String app, String id) {
        return withoutAccessTime(sessions.get(app, "u", id, EventWindow.ALL));
    }

    /** The session as JSON, minus its last access time: reading it to compare is an access itself. */
    private static byte[] withoutAccessTime(Session s) {
        SessionTraits t = s.traits();
        return SessionJson.session(new Session(s.key(), s.createTime(), s.lastUpdateTime(), s.version(), s.state(),
                s.events(), new SessionTraits(t.ttlSeconds(), t.maxIdleSeconds(), t.sizeBytes(), 0), s.workerId()));
    }

    private static byte[] event(String id, String delta) {
        return ("{\"id\":\"" + id + "\",\"author\":\"test\",\"timestamp\":1700000000.5,\"actions\":{\"stateDelta\":"
                + delta + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> ids(List<byte[]> events) {
        return events.stream().map(e -> new String(e, StandardCharsets.UTF_8).replaceAll("^\\{\"id\":\"([^\"]*)\".*$", "$1"))
                .toList();
    }
}
