package io.sessiongrid.node.session.lifecycle;

import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.policy.UserLimitAction;
import io.sessiongrid.node.session.PolicyViolationError;
import io.sessiongrid.node.session.SessionGridError;
import io.sessiongrid.node.session.SessionService;
import io.sessiongrid.node.session.UserSessionService;
import io.sessiongrid.node.session.model.EventWindow;
import io.sessiongrid.node.support.Engines;
import io.sessiongrid.node.support.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A user's sessions as a group on a real three-member cluster: count, log out everywhere, per-user limits. */
class UserSessionsTest {

    private static TestCluster cluster;
    private static SessionService sessions;
    private static UserSessionService users;
    private static SessionService sessionsOnThird;

    @BeforeAll
    static void start() {
        AppPolicy defaults = AppPolicy.BUILT_IN;
        cluster = new TestCluster(3, new AppPolicies(defaults, Map.of(
                "strict-limit", defaults.toBuilder().maxSessionsPerUser(2).build(),
                "rolling-limit", defaults.toBuilder().maxSessionsPerUser(2)
                        .onUserLimit(UserLimitAction.EVICT_OLDEST).build()), false));
        Engines.Engine engine = Engines.engine(cluster.member(0), cluster.policies(), Clock.systemUTC());
        sessions = engine.sessions();
        users = engine.users();
        sessionsOnThird = Engines.engine(cluster.member(2), cluster.policies(), Clock.systemUTC()).sessions();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void logsAUserOutEverywhereAndLeavesOtherUsersAndTheUsersStateAlone() {
        sessions.create("web", "alice", "laptop", ExpiryTest.obj("{\"user:lang\":\"en\"}"));
        sessions.create("web", "alice", "phone", null);
        sessions.create("web", "alice", "tablet", null);
        sessions.create("web", "bob", "laptop", null);
        sessions.create("other", "alice", "laptop", null);

        assertThat(users.count("web", "alice")).isEqualTo(3);
        assertThat(users.deleteAll("web", "alice")).isEqualTo(3);

        assertThat(users.count("web", "alice")).isZero();
        assertThat(users.deleteAll("web", "alice")).isZero();
        assertThat(users.count("web", "bob")).isEqualTo(1);
        assertThat(users.count("other", "alice")).isEqualTo(1);
        assertThat(sessions.list("web", "alice", null, null).sessions()).isEmpty();
        assertThat(new String(sessions.userState("web", "alice").get("lang"), StandardCharsets.UTF_8)).isEqualTo("\"en\"");
        assertThatThrownBy(() -> sessions.get("web", "alice", "phone", EventWindow.ALL))
                .isInstanceOfSatisfying(SessionGridError.class,
                        e -> assertThat(e.kind()).isEqualTo(SessionGridError.Kind.SESSION_NOT_FOUND));
    }

    @Test
    void rejectPolicyRefusesTheCreateOverTheLimitAndNamesIt() {
        sessions.create("strict-limit", "u", "a", null);
        sessionsOnThird.create("strict-limit", "u", "b", null);
        double refusedBefore = refusals();

        assertThatThrownBy(() -> sessions.create("strict-limit", "u", "c", null))
                .isInstanceOfSatisfying(PolicyViolationError.class, e -> {
                    assertThat(e.kind()).isEqualTo(SessionGridError.Kind.USER_SESSION_LIMIT);
                    assertThat(e.limit()).isEqualTo("max-sessions-per-user");
                    assertThat(e.maximum()).isEqualTo(2);
                    assertThat(e.size()).isEqualTo(2);
                });
        // An existing id is still a conflict, not a limit.
        assertThatThrownBy(() -> sessions.create("strict-limit", "u", "a", null))
                .isInstanceOfSatisfying(SessionGridError.class,
                        e -> assertThat(e.kind()).isEqualTo(SessionGridError.Kind.SESSION_EXISTS));
        assertThat(users.count("strict-limit", "u")).isEqualTo(2);
        assertThat(refusals() - refusedBefore).isEqualTo(1.0);

        sessions.delete("strict-limit", "u", "a");
        sessions.create("strict-limit", "u", "c", null);
        assertThat(users.count("strict-limit", "u")).isEqualTo(2);
    }

    @Test
    void evictOldestPolicyRemovesTheLeastRecentlyUsedSessionWithTheCreate() {
        sessions.create("rolling-limit", "u", "first", null);
        sessions.create("rolling-limit", "u", "second", null);
        nextMillisecond();
        sessions.touch("rolling-limit", "u", "first");
        nextMillisecond();

        sessionsOnThird.create("rolling-limit", "u", "third", null);

        assertThat(ids(sessions.list("rolling-limit", "u", null, null))).containsExactly("first", "third");
        sessions.get("rolling-limit", "u", "third", EventWindow.ALL);
        nextMillisecond();
        sessions.append("rolling-limit", "u", "first", ExpiryTest.event("e1"), -1);
        nextMillisecond();
        sessions.create("rolling-limit", "u", "fourth", null);
        assertThat(ids(sessions.list("rolling-limit", "u", null, null))).containsExactly("first", "fourth");
        assertThat(cluster.counted("sessiongrid.sessions.evicted", "app", "rolling-limit", "cause", "user-limit"))
                .isEqualTo(2.0);
    }

    @Test
    void concurrentCreatesOfOneUserNeverExceedTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String id = "s" + i;
                SessionService via = i % 2 == 0 ? sessions : sessionsOnThird;
                results.add(pool.submit(() -> {
                    try {
                        via.create("strict-limit", "racer", id, null);
                        return true;
                    } catch (PolicyViolationError e) {
                        return false;
                    }
                }));
            }
            int created = 0;
            for (Future<Boolean> r : results) {
                created += r.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(2);
            assertThat(users.count("strict-limit", "racer")).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Access times have millisecond resolution: make "more recent" unambiguous. */
    private static void nextMillisecond() {
        long now = System.currentTimeMillis();
        org.awaitility.Awaitility.await().pollInterval(java.time.Duration.ofMillis(1))
                .until(() -> System.currentTimeMillis() > now + 1);
    }

    private static double refusals() {
        return cluster.counted("sessiongrid.violations", "app", "strict-limit", "kind", "max-sessions-per-user");
    }

    private static List<String> ids(io.sessiongrid.node.session.SessionPage page) {
        return page.sessions().stream().map(s -> s.key().sessionId()).toList();
    }
}
