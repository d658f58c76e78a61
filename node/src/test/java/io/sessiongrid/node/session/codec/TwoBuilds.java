package io.sessiongrid.node.session.codec;

import com.hazelcast.config.CompactSerializationConfig;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import io.sessiongrid.node.cluster.HazelcastConfigBuilder;
import io.sessiongrid.node.config.ClusterSettings;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.support.TestCluster;

import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * A cluster of two members as a rolling upgrade has them: {@code thisBuild} with this build's codecs,
 * {@code otherBuild} with some of them replaced by another build's (older or newer). Returned once every
 * partition has an owner and the cluster is safe.
 */
record TwoBuilds(HazelcastInstance thisBuild, HazelcastInstance otherBuild) implements AutoCloseable {

    static TwoBuilds start(String name, List<CompactSerializer<?>> otherBuildsCodecs) {
        String cluster = name + "-" + UUID.randomUUID();
        int p1 = TestCluster.freePort();
        int p2 = TestCluster.freePort();
        List<String> members = List.of("127.0.0.1:" + p1, "127.0.0.1:" + p2);
        HazelcastInstance thisBuild = Hazelcast.newHazelcastInstance(config(cluster, p1, members));
        Config other = config(cluster, p2, members);
        other.getSerializationConfig().setCompactSerializationConfig(new CompactSerializationConfig());
        GridSerialization.register(other.getSerializationConfig(), otherBuildsCodecs);
        HazelcastInstance otherBuild = Hazelcast.newHazelcastInstance(other);
        thisBuild.getMap(name).size(); // the partition table is arranged at first use
        await().until(() -> thisBuild.getCluster().getMembers().size() == 2 && thisBuild.getPartitionService().isClusterSafe()
                && thisBuild.getPartitionService().getPartitions().stream().allMatch(p -> p.getOwner() != null));
        return new TwoBuilds(thisBuild, otherBuild);
    }

    private static Config config(String cluster, int port, List<String> members) {
        return HazelcastConfigBuilder.build(new ClusterSettings(cluster, port, false, members, "127.0.0.1", 31),
                AppPolicies.of(AppPolicy.BUILT_IN));
    }

    @Override
    public void close() {
        otherBuild.shutdown();
        thisBuild.shutdown();
    }
}
