package io.sessiongrid.bench.jmh;

import io.sessiongrid.bench.FreePort;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.node.cluster.HazelcastConfigBuilder;
import io.sessiongrid.node.config.ClusterSettings;
import io.sessiongrid.node.policy.AppPolicies;

import java.util.List;

/** Two real members in this JVM, configured as nodes configure theirs, so every write ships its backup. */
final class BenchCluster implements AutoCloseable {

    private final HazelcastInstance first;
    private final HazelcastInstance second;

    BenchCluster(AppPolicies policies) {
        int p1 = FreePort.next();
        int p2 = FreePort.next();
        List<String> members = List.of("127.0.0.1:" + p1, "127.0.0.1:" + p2);
        first = Hazelcast.newHazelcastInstance(config(p1, members, policies));
        second = Hazelcast.newHazelcastInstance(config(p2, members, policies));
    }

    HazelcastInstance first() {
        return first;
    }

    private static Config config(int port, List<String> members, AppPolicies policies) {
        return HazelcastConfigBuilder.build(new ClusterSettings("bench-" + ProcessHandle.current().pid(), port, false,
                members, "127.0.0.1", 271), policies);
    }


    @Override
    public void close() {
        second.shutdown();
        first.shutdown();
    }
}
