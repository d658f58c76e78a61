package io.sessiongrid.node.session.routing;

import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.RoutingService;
import io.sessiongrid.node.session.SessionService;
import io.sessiongrid.node.session.UserSessionService;
import io.sessiongrid.node.support.Engines;
import io.sessiongrid.node.support.TestCluster;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sweep decides on the primary only: backups, whose access times lag behind, must not remove
 * sessions the primary kept, or a crash right after a sweep would lose sessions in use.
 */
class SweepFailoverTest {

    private static final int SESSIONS = 40;

    @Test
    void sessionsTheSweepKeptSurviveACrash() {
        try (TestCluster cluster = new TestCluster(2, AppPolicies.of(AppPolicy.BUILT_IN))) {
            Engines.Engine engine = Engines.engine(cluster.member(0), cluster.policies(), Clock.systemUTC());
            SessionService sessions = engine.sessions();
            UserSessionService users = engine.users();
            RoutingService routing = engine.routing();
            for (int i = 0; i < SESSIONS; i++) {
                sessions.create("sweep", "u" + i, "s" + i, null);
            }
            long created = System.currentTimeMillis();
            await().pollInterval(Duration.ofMillis(50)).until(() -> System.currentTimeMillis() - created > 1500);
            for (int i = 0; i < SESSIONS; i++) {
                sessions.touch("sweep", "u" + i, "s" + i);
            }

            assertThat(routing.sweepIdle("sweep", 1)).isZero();
            cluster.member(1).getLifecycleService().terminate();

            long alive = 0;
            for (int i = 0; i < SESSIONS; i++) {
                alive += users.count("sweep", "u" + i);
            }
            assertThat(alive).isEqualTo(SESSIONS);
        }
    }
}
