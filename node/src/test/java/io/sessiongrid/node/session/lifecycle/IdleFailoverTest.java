package io.sessiongrid.node.session.lifecycle;

import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.SessionService;
import io.sessiongrid.node.session.UserSessionService;
import io.sessiongrid.node.session.model.EventWindow;
import io.sessiongrid.node.support.Engines;
import io.sessiongrid.node.support.TestCluster;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static io.sessiongrid.node.session.process.AppendEventProcessor.ANY_VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Idle timeouts across a member crash: sessions kept alive by reads, touches or appends survive the
 * loss of their primary (the backups learn of every access in time), and idle sessions expiring
 * meanwhile remove only themselves from the backups.
 */
class IdleFailoverTest {

    private static final int PER_KIND = 15;
    private static final int IDLE = 150;

    @Test
    void sessionsInUseSurviveTheCrashOfTheirPrimary() {
        // 6 s: a backup learns of accesses at most every quarter of it, and a promotion on a loaded
        // two-core box can take seconds; with 4 s the margin was about 2 s and CI once lost a session.
        AppPolicy idle = AppPolicy.BUILT_IN.toBuilder().maxIdle(Duration.ofSeconds(6)).build();
        try (TestCluster cluster = new TestCluster(2, new AppPolicies(AppPolicy.BUILT_IN, Map.of("idle", idle), false))) {
            Engines.Engine engine = Engines.engine(cluster.member(0), cluster.policies(), Clock.systemUTC());
            SessionService sessions = engine.sessions();
            UserSessionService users = engine.users();
            for (String kind : new String[] {"touched", "read", "appended"}) {
                for (int i = 0; i < PER_KIND; i++) {
                    sessions.create("idle", kind + "-" + i, "s", null);
                }
            }
            // Many expire while the others are in use: each expiry is also a removal on the backups.
            for (int i = 0; i < IDLE; i++) {
                sessions.create("idle", "idle-" + i, "s", null);
            }
            long start = System.nanoTime();
            int[] round = {0};

            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(800)).until(() -> {
                round[0]++;
                for (int i = 0; i < PER_KIND; i++) {
                    sessions.touch("idle", "touched-" + i, "s");
                    sessions.get("idle", "read-" + i, "s", new EventWindow(0, Double.NaN));
                    sessions.append("idle", "appended-" + i, "s", ExpiryTest.event("e" + round[0]), ANY_VERSION);
                }
                return Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) >= 0
                        && countOf(users, "idle", IDLE) == 0;
            });

            cluster.member(1).getLifecycleService().terminate();

            assertThat(countOf(users, "touched")).isEqualTo(PER_KIND);
            assertThat(countOf(users, "read")).isEqualTo(PER_KIND);
            assertThat(countOf(users, "appended")).isEqualTo(PER_KIND);
            assertThat(countOf(users, "idle", IDLE)).isZero();
            for (int i = 0; i < PER_KIND; i++) {
                assertThat(sessions.get("idle", "appended-" + i, "s", EventWindow.ALL).version()).isEqualTo(round[0]);
            }
        }
    }

    private static long countOf(UserSessionService users, String kind) {
        return countOf(users, kind, PER_KIND);
    }

    private static long countOf(UserSessionService users, String kind, int sessions) {
        long n = 0;
        for (int i = 0; i < sessions; i++) {
            n += users.count("idle", kind + "-" + i);
        }
        return n;
    }
}
