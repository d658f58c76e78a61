package io.sessiongrid.bench.store;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every compared store must do alike, or the benchmark compares different work. Each test uses
 * its own app, user and session ids, so tests never see each other's shared app or user state.
 */
abstract class SessionStoreContract {

    /** Every test app name starts with it, so a test class can remove what it wrote without a reset. */
    static final String TEST_APP_PREFIX = "test-app-";

    protected abstract SessionStore store();

    private void create(SessionRef ref, Map<String, String> state) {
        store().create(ref, state, Duration.ZERO, Duration.ZERO);
    }

    @Test
    void createThenGetReturnsTheState() {
        SessionRef ref = newRef();
        create(ref, Map.of("a", "1", "b", "\"x\""));

        assertThat(store().get(ref, 10, false)).isEqualTo(new SessionView(true, 0, 2));
    }

    @Test
    void appendMergesAllThreeLayers() {
        SessionRef ref = newRef();
        create(ref, Map.of("a", "1"));

        store().append(ref, event("e1", Map.of("b", "2"), Map.of("u1", "\"x\""), Map.of("a1", "true")));

        // a, b, user:u1, app:a1
        assertThat(store().get(ref, 10, false)).isEqualTo(new SessionView(true, 1, 4));
    }

    @Test
    void appendingTheSameEventIdTwiceChangesNothing() {
        SessionRef ref = newRef();
        create(ref, Map.of());
        store().append(ref, event("e1", Map.of("b", "2"), Map.of(), Map.of()));

        // Same id, other deltas: must neither store a second event nor merge the new keys.
        store().append(ref, event("e1", Map.of("c", "3"), Map.of("u", "1"), Map.of("a", "1")));

        assertThat(store().get(ref, 10, false)).isEqualTo(new SessionView(true, 1, 1));
    }

    @Test
    void getReturnsOnlyTheRecentEvents() {
        SessionRef ref = newRef();
        create(ref, Map.of());
        for (int i = 0; i < 5; i++) {
            store().append(ref, plainEvent());
        }

        assertThat(store().get(ref, 3, false)).isEqualTo(new SessionView(true, 3, 0));
        assertThat(store().get(ref, 10, false)).isEqualTo(new SessionView(true, 5, 0));
        assertThat(store().get(ref, 0, false)).isEqualTo(new SessionView(true, 0, 0));
    }

    @Test
    void userStateIsSharedByTheUsersSessionsAndAppStateByTheWholeApp() {
        SessionRef first = newRef();
        SessionRef second = new SessionRef(first.app(), first.user(), "s-" + UUID.randomUUID());
        SessionRef otherUser = new SessionRef(first.app(), "user-" + UUID.randomUUID(), "s-" + UUID.randomUUID());
        create(first, Map.of());
        create(second, Map.of("x", "1"));
        create(otherUser, Map.of());

        store().append(first, event("e1", Map.of("own", "1"), Map.of("u1", "1"), Map.of("a1", "1")));

        // x, user:u1, app:a1; not first's own key
        assertThat(store().get(second, 10, false)).isEqualTo(new SessionView(true, 0, 3));
        // app:a1 only
        assertThat(store().get(otherUser, 10, false)).isEqualTo(new SessionView(true, 0, 1));
    }

    @Test
    void createOfAnExistingSessionFails() {
        SessionRef ref = newRef();
        create(ref, Map.of());

        assertThatThrownBy(() -> create(ref, Map.of("a", "1"))).isInstanceOf(IllegalStateException.class);
        assertThat(store().get(ref, 10, false)).isEqualTo(new SessionView(true, 0, 0));
    }

    @Test
    void appendToAMissingSessionFails() {
        SessionRef ref = newRef();

        assertThatThrownBy(() -> store().append(ref, plainEvent())).isInstanceOf(IllegalStateException.class);
        assertThat(store().get(ref, 10, false)).isEqualTo(SessionView.ABSENT);
    }

    @Test
    void deleteRemovesTheSessionButNotUserOrAppState() {
        SessionRef ref = newRef();
        create(ref, Map.of("a", "1"));
        store().append(ref, event("e1", Map.of(), Map.of("u1", "1"), Map.of("a1", "1")));

        store().delete(ref);

        assertThat(store().get(ref, 10, false)).isEqualTo(SessionView.ABSENT);
        // Recreated under the same id: empty events, but the user and app layers are still there.
        create(ref, Map.of());
        assertThat(store().get(ref, 10, false)).isEqualTo(new SessionView(true, 0, 2));
        // Its event ids were forgotten too: e1 is a new event now.
        store().append(ref, event("e1", Map.of(), Map.of(), Map.of()));
        assertThat(store().get(ref, 10, false)).isEqualTo(new SessionView(true, 1, 2));
    }

    @Test
    void getOfANeverCreatedSessionIsAbsent() {
        assertThat(store().get(newRef(), 10, true)).isEqualTo(SessionView.ABSENT);
    }

    @Test
    void stateKeysAreQuotedAndValuesKeptAsJson() {
        SessionRef ref = newRef();
        // A JSON null would remove its key in the grid (merge patch): a value that is JSON but not null.
        create(ref, Map.of("quote\"d", "{\"nested\":[1,2]}", "back\\slash", "false"));

        store().append(ref, event("e1", Map.of("ünï", "\"v\""), Map.of("we ird", "[]"), Map.of()));

        assertThat(store().get(ref, 10, false)).isEqualTo(new SessionView(true, 1, 4));
    }

    @Test
    void concurrentAppendsAllLandOnceAndAtomically() throws Exception {
        SessionRef a = newRef();
        SessionRef b = new SessionRef(a.app(), a.user(), "s-" + UUID.randomUUID());
        create(a, Map.of());
        create(b, Map.of());
        // Two threads per id range per session, one forwards and one backwards, so duplicates race.
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                SessionRef ref = t < 4 ? a : b;
                int from = (t / 2) % 2 * 50;
                boolean backwards = t % 2 == 1;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        int n = from + (backwards ? 49 - i : i);
                        store().append(ref, event("e" + n, Map.of("k" + n, "1"), Map.of("u" + n % 10, "1"),
                                Map.of("shared", Integer.toString(n))));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        // 100 events each; own 100 keys + 10 user keys + 1 app key.
        assertThat(store().get(a, 1000, false)).isEqualTo(new SessionView(true, 100, 111));
        assertThat(store().get(b, 1000, false)).isEqualTo(new SessionView(true, 100, 111));
    }

    static SessionRef newRef() {
        return new SessionRef(TEST_APP_PREFIX + UUID.randomUUID(), "user-" + UUID.randomUUID(),
                "s-" + UUID.randomUUID());
    }

    static BenchEvent plainEvent() {
        return event(UUID.randomUUID().toString(), Map.of(), Map.of(), Map.of());
    }

    /** An event as the workload builds it: ADK JSON whose stateDelta has prefixed keys, and the split deltas. */
    static BenchEvent event(String id, Map<String, String> session, Map<String, String> user, Map<String, String> app) {
        Map<String, String> all = new LinkedHashMap<>(session);
        user.forEach((k, v) -> all.put("user:" + k, v));
        app.forEach((k, v) -> all.put("app:" + k, v));
        StringBuilder delta = new StringBuilder("{");
        all.forEach((k, v) -> {
            if (delta.length() > 1) {
                delta.append(',');
            }
            delta.append('"');
            JsonStringEncoder.getInstance().quoteAsString(k, delta);
            delta.append("\":").append(v);
        });
        delta.append('}');
        double timestamp = System.currentTimeMillis() / 1000.0;
        String json = "{\"id\":\"" + id + "\",\"invocationId\":\"inv-" + id + "\",\"author\":\"agent\","
                + "\"timestamp\":" + timestamp + ",\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"hi\"}]},"
                + "\"actions\":{\"stateDelta\":" + delta + "}}";
        return new BenchEvent(id, timestamp, json, session, user, app);
    }
}
