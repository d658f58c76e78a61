package io.sessiongrid.node.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.BeanProvider;
import io.sessiongrid.node.config.ClusterSettings;
import io.sessiongrid.node.support.TestCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The cluster's meters on one member of a real cluster, while a member of its list is missing and when it joins. */
class ClusterMetersTest {

    @Test
    void membersSafetyAndMigrationsAsOneMemberSeesThem() {
        try (TestCluster cluster = new TestCluster(2)) {
            ClusterSettings own = cluster.settings(Integer.parseInt(cluster.addresses().get(0).split(":")[1]));
            List<String> listed = new ArrayList<>(own.members());
            listed.add("127.0.0.1:" + TestCluster.freePort()); // configured, never started
            ClusterSettings settings = new ClusterSettings(own.name(), own.port(), false, listed, "127.0.0.1", 31);
            cluster.member(0).getMap("meters").put("k", "v"); // the partition table is arranged at first use
            ConfiguredMembers configured = new ConfiguredMembers(settings, 0);
            MemberReadinessIndicator readiness = new MemberReadinessIndicator(cluster.member(0), settings, configured);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try {
                new ClusterMeters(cluster.member(0), configured, provider(readiness)).bindTo(registry);

                assertThat(gauge(registry, "sessiongrid.cluster.members")).isEqualTo(2.0);
                assertThat(gauge(registry, "sessiongrid.cluster.members.configured")).isEqualTo(3.0);
                await().atMost(Duration.ofSeconds(20)).until(() -> gauge(registry, "sessiongrid.cluster.safe") == 1.0);
                assertThat(readiness.getHealthInformation()).containsEntry("clusterSize", 2).containsEntry("configuredMembers", 3);
                double movedBefore = migrations(registry, "completed");

                // The member the list names but that never ran joins: partitions migrate to it.
                HazelcastInstance third = Hazelcast.newHazelcastInstance(HazelcastConfigBuilder.build(
                        new ClusterSettings(own.name(), Integer.parseInt(listed.get(2).split(":")[1]), false, listed,
                                "127.0.0.1", 31), cluster.policies()));
                try {
                    await().atMost(Duration.ofSeconds(20)).until(() -> gauge(registry, "sessiongrid.cluster.members") == 3.0);
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                        assertThat(migrations(registry, "completed")).isGreaterThan(movedBefore);
                        assertThat(gauge(registry, "sessiongrid.partition.migrations.active")).isZero();
                        assertThat(gauge(registry, "sessiongrid.cluster.safe")).isEqualTo(1.0);
                    });
                    assertThat(migrations(registry, "failed")).isZero();
                } finally {
                    third.shutdown();
                }
            } finally {
                readiness.stop();
            }
        }
    }

    private static BeanProvider<MemberReadinessIndicator> provider(MemberReadinessIndicator readiness) {
        return new BeanProvider<>() {
            @Override
            public MemberReadinessIndicator get() {
                return readiness;
            }
        };
    }

    private static double gauge(SimpleMeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }

    private static double migrations(SimpleMeterRegistry registry, String result) {
        return registry.get("sessiongrid.partition.migrations").tag("result", result).counter().count();
    }
}
