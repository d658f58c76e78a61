package io.sessiongrid.node.process;

import io.sessiongrid.client.SessionGridClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 1: three node processes under a load of appends over 2,000 sessions; one is killed with
 * SIGKILL mid-load. Every session survives and every acknowledged event is stored exactly once.
 */
class CrashIT {

    private static final int SESSIONS = 2_000;

    @Test
    void aKilledMemberLosesNoSessionAndNoAcknowledgedEvent() throws Exception {
        try (ProcessCluster cluster = new ProcessCluster(3);
             SessionGridClient client = cluster.client()) {
            SessionLoad load = new SessionLoad(client, SESSIONS);
            load.createSessions(4);
            load.start(4);
            long started = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledgedCount() >= 2_000);
            cluster.node(1).kill();
            long beforeKill = load.acknowledgedCount();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledgedCount() >= beforeKill + 3_000);
            load.stop();
            double seconds = (System.nanoTime() - started) / 1e9;
            cluster.awaitClusterSafe();

            List<String> problems = load.verify();
            System.out.printf("CrashIT: %d acknowledged appends in %.1f s, %d failed calls, longest call %d ms, %d problems%n",
                    load.acknowledgedCount(), seconds, load.failedCount(), load.longestCallMillis(), problems.size());
            assertThat(load.acknowledgedCount()).isPositive();
            assertThat(problems).isEmpty();
        }
    }
}
