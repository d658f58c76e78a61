package io.sessiongrid.node.cluster;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleService;
import com.hazelcast.partition.PartitionService;
import io.sessiongrid.node.config.ClusterSettings;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What readiness reports while the cluster-wide safety check waits for a member that does not answer. */
class MemberReadinessIndicatorTest {

    @Test
    void aSafetyCheckStuckOnASilentMemberReportsTheClusterNotSafe() throws Exception {
        AtomicBoolean frozen = new AtomicBoolean();
        CountDownLatch thaw = new CountDownLatch(1);
        CountDownLatch stuck = new CountDownLatch(1);
        ClusterSettings settings = new ClusterSettings("sg", 5701, false, List.of(), "127.0.0.1", 31);
        MemberReadinessIndicator indicator = new MemberReadinessIndicator(member(() -> {
            if (frozen.get()) {
                stuck.countDown();
                try {
                    thaw.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return true;
        }), settings, new ConfiguredMembers(settings, 0));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> clusterSafe(indicator));

            frozen.set(true);
            assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
            // A member that does not answer within the deadline makes this round's answer "not safe".
            await().atMost(Duration.ofSeconds(10)).until(() -> !clusterSafe(indicator));
            assertThat(indicator.getHealthInformation()).containsEntry("running", true).containsEntry("clusterSize", 3);

            frozen.set(false);
            thaw.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> clusterSafe(indicator));
        } finally {
            thaw.countDown();
            indicator.stop();
        }
    }

    private static boolean clusterSafe(MemberReadinessIndicator indicator) {
        return Boolean.TRUE.equals(indicator.getHealthInformation().get("clusterSafe"));
    }

    /** A running member of three whose members each answer the safety question with {@code safe}. */
    private static HazelcastInstance member(BooleanSupplier safe) throws Exception {
        Address address = new Address("127.0.0.1", 5701);
        Member local = fake(Member.class, (method, args) -> method.equals("getAddress") ? address : null);
        Cluster cluster = fake(Cluster.class, (method, args) -> switch (method) {
            case "getMembers" -> Set.of(local, fake(Member.class, (m, a) -> null), fake(Member.class, (m, a) -> null));
            case "getLocalMember" -> local;
            default -> null;
        });
        LifecycleService lifecycle = fake(LifecycleService.class, (method, args) -> method.equals("isRunning") ? true : null);
        PartitionService partitions = fake(PartitionService.class,
                (method, args) -> method.equals("isMemberSafe") ? safe.getAsBoolean() : null);
        return fake(HazelcastInstance.class, (method, args) -> switch (method) {
            case "getLifecycleService" -> lifecycle;
            case "getPartitionService" -> partitions;
            case "getCluster" -> cluster;
            default -> null;
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T fake(Class<T> type, Answer answer) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            return switch (method.getName()) {
                case "hashCode" -> System.identityHashCode(self);
                case "equals" -> self == args[0];
                case "toString" -> type.getSimpleName();
                default -> answer.answer(method.getName(), args);
            };
        });
        return type.cast(proxy);
    }
}
