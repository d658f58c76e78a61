package io.sessiongrid.node.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.node.config.ClusterSettings;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.Session;
import io.sessiongrid.node.session.SessionService;
import io.sessiongrid.node.session.model.EventWindow;
import io.sessiongrid.node.support.Engines;
import io.sessiongrid.node.support.TestCluster;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.sessiongrid.node.session.process.AppendEventProcessor.ANY_VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real split brain healing: two members that each formed a cluster of their own (as after a
 * network partition) find each other and merge. Whichever side merges into the other, a session
 * ends with the copy holding more events, and app/user state keeps both sides' keys.
 */
class SplitBrainMergeTest {

    private static final AppPolicies POLICIES = AppPolicies.of(AppPolicy.BUILT_IN);

    @Test
    void sidesMergeByVersionForSessionsAndKeyByKeyForState() {
        String name = "split-" + UUID.randomUUID();
        int portA = TestCluster.freePort();
        int portB = TestCluster.freePort();
        HazelcastInstance a = Hazelcast.newHazelcastInstance(config(name, portA, List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB)));
        HazelcastInstance b = Hazelcast.newHazelcastInstance(config(name, portB, List.of("127.0.0.1:" + portB)));
        try {
            assertThat(a.getCluster().getMembers()).hasSize(1);
            assertThat(b.getCluster().getMembers()).hasSize(1);
            SessionService onA = Engines.engine(a, POLICIES, Clock.systemUTC()).sessions();
            SessionService onB = Engines.engine(b, POLICIES, Clock.systemUTC()).sessions();

            onA.create("split", "u", "longer-on-a", null);
            onB.create("split", "u", "longer-on-a", null);
            onA.create("split", "u", "longer-on-b", null);
            onB.create("split", "u", "longer-on-b", null);
            append(onA, "longer-on-a", 3, "{\"side\":\"a\",\"user:from-a\":1}");
            append(onB, "longer-on-a", 1, "{\"side\":\"b\"}");
            append(onA, "longer-on-b", 1, "{\"side\":\"a\"}");
            append(onB, "longer-on-b", 2, "{\"side\":\"b\",\"user:from-b\":2}");
            onB.create("split", "u", "only-on-b", null);

            await().atMost(Duration.ofSeconds(60)).until(() -> a.getCluster().getMembers().size() == 2
                    && b.getCluster().getMembers().size() == 2
                    && a.getPartitionService().isClusterSafe());

            SessionService merged = Engines.engine(a, POLICIES, Clock.systemUTC()).sessions();
            Session onASide = merged.get("split", "u", "longer-on-a", EventWindow.ALL);
            assertThat(onASide.version()).isEqualTo(3);
            assertThat(text(onASide.state().get("side"))).isEqualTo("\"a\"");
            Session onBSide = merged.get("split", "u", "longer-on-b", EventWindow.ALL);
            assertThat(onBSide.version()).isEqualTo(2);
            assertThat(text(onBSide.state().get("side"))).isEqualTo("\"b\"");
            assertThat(merged.get("split", "u", "only-on-b", EventWindow.ALL).version()).isZero();
            Map<String, byte[]> userState = merged.userState("split", "u");
            assertThat(userState).containsOnlyKeys("from-a", "from-b");
        } finally {
            b.getLifecycleService().terminate();
            a.getLifecycleService().terminate();
        }
    }

    private static Config config(String name, int port, List<String> members) {
        Config config = HazelcastConfigBuilder.build(new ClusterSettings(name, port, false, members, "127.0.0.1", 31), POLICIES);
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "2");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "2");
        return config;
    }

    private static void append(SessionService engine, String sessionId, int count, String delta) {
        for (int i = 0; i < count; i++) {
            engine.append("split", "u", sessionId, ("{\"id\":\"" + UUID.randomUUID() + "\",\"author\":\"t\",\"actions\":"
                    + "{\"stateDelta\":" + delta + "}}").getBytes(StandardCharsets.UTF_8), ANY_VERSION);
        }
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
