package io.sessiongrid.node.session.lifecycle;

import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.SessionService;
import io.sessiongrid.node.session.UserSessionService;
import io.sessiongrid.node.support.Engines;
import io.sessiongrid.node.support.TestCluster;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A per-member cap with LRU, as Hazelcast enforces it: per partition, by sampling, with access times
 * kept to the second. The test moves the clock's second between phases so "recently used" is
 * unambiguous, then checks what a user relies on: the cap holds and recently used sessions stay.
 * Batches are small against the cap so each partition's sample of 15 always holds older entries
 * (with few left, sampling may pick a recent one: that is Hazelcast's approximation, not LRU's rule).
 */
class CapacityEvictionTest {

    private static final int CAP = 1000;
    private static final int BATCH = 250;
    private static final int BATCHES = 8;
    private static final int HOT = 100;

    @Test
    void afterTwiceTheCapTheRecentlyUsedSessionsRemain() {
        AppPolicy capped = AppPolicy.BUILT_IN.toBuilder().maxSessionsPerMember(CAP).build();
        try (TestCluster cluster = new TestCluster(1, new AppPolicies(AppPolicy.BUILT_IN, Map.of("capped", capped), false))) {
            Engines.Engine engine = Engines.engine(cluster.member(0), cluster.policies(), Clock.systemUTC());
            SessionService sessions = engine.sessions();
            UserSessionService users = engine.users();

            createBatch(sessions, 0);
            for (int batch = 1; batch < BATCHES; batch++) {
                nextSecond();
                for (int i = 0; i < HOT; i++) {
                    sessions.touch("capped", user(i), "s");
                }
                nextSecond();
                createBatch(sessions, batch);
            }

            int remaining = cluster.member(0).getMap("sessions.capped").size();
            assertThat(remaining).isBetween(CAP - 100, CAP);
            for (int i = 0; i < HOT; i++) {
                assertThat(users.count("capped", user(i))).as("recently touched " + user(i)).isEqualTo(1);
            }
            long newestKept = 0;
            for (int i = (BATCHES - 1) * BATCH; i < BATCHES * BATCH; i++) {
                newestKept += users.count("capped", user(i));
            }
            assertThat(newestKept).isGreaterThanOrEqualTo(BATCH * 95 / 100);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    cluster.counted("sessiongrid.sessions.evicted", "app", "capped", "cause", "capacity"))
                    .isEqualTo((double) BATCHES * BATCH - remaining));
        }
    }

    private static void createBatch(SessionService sessions, int batch) {
        for (int i = batch * BATCH; i < (batch + 1) * BATCH; i++) {
            sessions.create("capped", user(i), "s", null);
        }
    }

    private static String user(int i) {
        return "user-" + i;
    }

    /** Hazelcast keeps access times in whole seconds: wait until the wall clock's second changes. */
    private static void nextSecond() {
        long second = System.currentTimeMillis() / 1000;
        await().pollInterval(Duration.ofMillis(20)).until(() -> System.currentTimeMillis() / 1000 > second);
    }
}
