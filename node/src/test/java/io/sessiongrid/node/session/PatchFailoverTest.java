package io.sessiongrid.node.session;

import io.sessiongrid.node.session.model.EventWindow;
import io.sessiongrid.node.session.process.PatchStateProcessor;
import io.sessiongrid.node.support.Engines;
import io.sessiongrid.node.support.StateText;
import io.sessiongrid.node.support.TestCluster;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** State patches reach the backups: a member that crashes (no migration) loses none of them. */
class PatchFailoverTest {

    private static final int SESSIONS = 40;

    @Test
    void aCrashLosesNoPatch() {
        try (TestCluster cluster = new TestCluster(3)) {
            SessionService engine = Engines.on(cluster.member(0));
            for (int s = 0; s < SESSIONS; s++) {
                engine.create("patched", "user-" + s, "s", null);
                for (int p = 1; p <= 3; p++) {
                    engine.patch("patched", "user-" + s, "s",
                            StateText.obj("{\"step\":" + p + ",\"gone\":" + (p == 3 ? "null" : "1") + "}"),
                            PatchStateProcessor.ANY_VERSION);
                }
            }

            cluster.member(1).getLifecycleService().terminate();

            for (int s = 0; s < SESSIONS; s++) {
                Session session = engine.get("patched", "user-" + s, "s", EventWindow.ALL);
                assertThat(session.version()).isEqualTo(3);
                assertThat(session.events()).isEmpty();
                assertThat(StateText.text(session.state())).containsOnlyKeys("step").containsEntry("step", "3");
            }
        }
    }
}
