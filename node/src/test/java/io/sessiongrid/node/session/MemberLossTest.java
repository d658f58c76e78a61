package io.sessiongrid.node.session;

import io.sessiongrid.node.session.model.EventWindow;
import io.sessiongrid.node.session.process.AppendEventProcessor;
import io.sessiongrid.node.support.Engines;
import io.sessiongrid.node.support.StateText;
import io.sessiongrid.node.support.TestCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With one backup, a member that crashes (terminate: no migration) or leaves gracefully loses no
 * session and no event: the backups, built by replaying each append, hold exactly what the primaries held.
 */
class MemberLossTest {

    private static final int SESSIONS = 40;
    private static final int EVENTS = 5;

    @Test
    void crashThenGracefulLeaveLosesNothing() throws Exception {
        try (TestCluster cluster = new TestCluster(3)) {
            SessionService engine = Engines.on(cluster.member(0));
            for (int s = 0; s < SESSIONS; s++) {
                engine.create("loss", "user-" + s, "s", StateText.obj("{\"user:n\":" + s + "}"));
                for (int e = 1; e <= EVENTS; e++) {
                    engine.append("loss", "user-" + s, "s", SessionEngineClusterTest.event("e" + e, e,
                            "{\"last\":" + e + ",\"app:total\":" + e + "}"), AppendEventProcessor.ANY_VERSION);
                }
            }

            cluster.member(1).getLifecycleService().terminate();
            assertEverythingPresent(engine);

            awaitClusterSafe(cluster);
            cluster.member(2).shutdown();
            assertEverythingPresent(engine);
            assertThat(cluster.member(0).getCluster().getMembers()).hasSize(1);
        }
    }

    private static void assertEverythingPresent(SessionService engine) {
        for (int s = 0; s < SESSIONS; s++) {
            Session session = engine.get("loss", "user-" + s, "s", EventWindow.ALL);
            assertThat(session.version()).isEqualTo(EVENTS);
            assertThat(SessionEngineClusterTest.ids(session.events())).containsExactly("e1", "e2", "e3", "e4", "e5");
            assertThat(StateText.text(session.state()))
                    .containsEntry("last", "5").containsEntry("app:total", "5").containsEntry("user:n", Integer.toString(s));
        }
        assertThat(engine.list("loss", null, 100, null).sessions()).hasSize(SESSIONS);
    }

    private static void awaitClusterSafe(TestCluster cluster) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!cluster.member(0).getPartitionService().isClusterSafe()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("cluster did not become safe after the crash");
            }
            Thread.sleep(100);
        }
    }
}
