package io.sessiongrid.node.process;

import io.sessiongrid.client.SessionGridClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 2: three node processes under a load of appends; each is stopped with SIGTERM in turn,
 * the cluster is left to become safe, and a replacement starts on the same ports, as a StatefulSet
 * rolls pods. No session, no acknowledged event and no call (after the SDK's retries) may be lost.
 */
class RollingRestartIT {

    private static final int SESSIONS = 2_000;

    @Test
    void aPodByPodRestartUnderLoadLosesNothing() throws Exception {
        try (ProcessCluster cluster = new ProcessCluster(3);
             SessionGridClient client = cluster.client()) {
            SessionLoad load = new SessionLoad(client, SESSIONS);
            load.createSessions(4);
            load.start(4);
            long started = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                long before = load.acknowledgedCount();
                await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledgedCount() >= before + 1_000);
                cluster.node(i).stop(Duration.ofSeconds(90));
                cluster.awaitClusterSafe();
                cluster.replace(i);
                cluster.awaitClusterSafe();
            }
            load.stop();
            double seconds = (System.nanoTime() - started) / 1e9;

            List<String> problems = load.verify();
            System.out.printf("RollingRestartIT: %d acknowledged appends in %.1f s over 3 restarts, %d failed calls,"
                            + " longest call %d ms, %d problems%n",
                    load.acknowledgedCount(), seconds, load.failedCount(), load.longestCallMillis(), problems.size());
            assertThat(problems).isEmpty();
            assertThat(load.failedCount()).isZero();
        }
    }
}
