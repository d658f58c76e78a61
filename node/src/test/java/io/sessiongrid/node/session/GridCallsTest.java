package io.sessiongrid.node.session;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.sessiongrid.node.concurrent.Stages;
import io.sessiongrid.node.session.process.AnswerSlot;
import io.sessiongrid.node.session.process.AnswersInPlace;
import io.sessiongrid.node.support.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The grid calls that skip Hazelcast's async pool answer exactly as the public API does, where asked. */
class GridCallsTest {

    private static TestCluster cluster;
    private static ExecutorService steps;

    @BeforeAll
    static void start() {
        cluster = new TestCluster(2);
        steps = Executors.newSingleThreadExecutor(r -> new Thread(r, "steps"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        steps.shutdown();
        steps.awaitTermination(5, TimeUnit.SECONDS);
        cluster.close();
    }

    @Test
    void theFastPathIsTakenOnThisHazelcastVersion() throws Exception {
        // A Hazelcast upgrade that drops the internal accessor would silently cost a thread hop per call.
        for (String handle : new String[] {"GET_ASYNC_INTERNAL", "PUT_IF_ABSENT_ASYNC_INTERNAL", "TO_DATA_WITH_STRATEGY"}) {
            var field = GridCalls.class.getDeclaredField(handle);
            field.setAccessible(true);
            assertThat(field.get(null)).as(handle).isNotNull();
        }
    }

    @Test
    void answersArriveDeserializedOnTheChosenExecutorForLocalAndRemoteKeys() throws Exception {
        IMap<String, String> map = cluster.member(0).getMap("grid-calls-" + System.nanoTime());
        for (int i = 0; i < 20; i++) {
            map.put("k" + i, "v" + i);
        }
        AtomicInteger handed = new AtomicInteger();
        Executor counted = task -> {
            handed.incrementAndGet();
            steps.execute(task);
        };
        for (int i = 0; i < 20; i++) {
            assertThat(GridCalls.get(map, "k" + i, counted).get(10, TimeUnit.SECONDS)).isEqualTo("v" + i);
            assertThat(GridCalls.submit(map, "k" + i, new Upper(), counted).get(10, TimeUnit.SECONDS)).isEqualTo("V" + i);
        }
        // Each answer went through the chosen executor exactly once.
        assertThat(handed).hasValue(40);
        assertThat(GridCalls.get(map, "absent", steps).get(10, TimeUnit.SECONDS)).isNull();
        assertThat(map.get("k3")).isEqualTo("V3");
    }

    @Test
    void aStepRunsOnThePartitionThreadThatAnsweredAndMovesOffAnyOtherHazelcastThread() throws Exception {
        // Without backups a local call is answered by the partition thread that ran it (with one, often
        // by the response thread that receives the backup's acknowledgement).
        String name = "grid-calls-next-" + System.nanoTime();
        cluster.member(0).getConfig().addMapConfig(new MapConfig(name).setBackupCount(0));
        IMap<String, String> map = cluster.member(0).getMap(name);
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.member(0).getPartitionService().isClusterSafe());
        String local = keyOwnedBy(0, "local");
        String remote = keyOwnedBy(1, "remote");
        int localPartition = cluster.member(0).getPartitionService().getPartition(local).getPartitionId();
        // Hazelcast's partition threads (its default count unless set) serve partitions by id modulo their count.
        int threads = Integer.getInteger("hazelcast.operation.thread.count",
                Math.max(2, Runtime.getRuntime().availableProcessors()));
        String otherPartition = keyOwnedBy(0, "other", partition -> partition % threads != localPartition % threads);
        map.put(local, "a");
        map.put(remote, "b");
        map.put(otherPartition, "d");

        // The local answer's step runs on the partition thread, and grid calls it starts are answered: on
        // its own partition (queued on the same thread), on a partition another thread serves, on another member.
        CompletableFuture<String> stepThread = new CompletableFuture<>();
        CompletableFuture<String> samePartition = new CompletableFuture<>();
        CompletableFuture<String> elsewhere = new CompletableFuture<>();
        CompletableFuture<String> onRemote = new CompletableFuture<>();
        Executor next = recording(GridCalls.partitionThreadOr(steps), stepThread);
        CompletableFuture<Void> started;
        // The partition is held until the call and its step are registered, so its answer cannot come before.
        try (Held held = Held.partitionOf(map, local)) {
            started = Stages.map(GridCalls.submit(map, local, new Upper(), next), value -> {
                GridCalls.submit(map, local, new Upper(), Stages.CALLER).whenComplete((again, failure) -> samePartition
                        .complete(failure == null ? Thread.currentThread().getName() : failure.toString()));
                GridCalls.submit(map, otherPartition, new Upper(), Stages.CALLER).whenComplete((again, failure) ->
                        elsewhere.complete(failure == null ? again : failure.toString()));
                GridCalls.submit(map, remote, new Upper(), Stages.CALLER).whenComplete((again, failure) ->
                        onRemote.complete(failure == null ? again : failure.toString()));
                return null;
            });
        }
        started.get(10, TimeUnit.SECONDS);
        assertThat(stepThread.get(10, TimeUnit.SECONDS)).contains("partition-operation");
        assertThat(samePartition.get(10, TimeUnit.SECONDS)).contains("partition-operation");
        assertThat(elsewhere.get(10, TimeUnit.SECONDS)).isEqualTo("D");
        assertThat(onRemote.get(10, TimeUnit.SECONDS)).isEqualTo("B");

        // Another member's answer arrives on a response thread, which may not start calls: the step moves.
        CompletableFuture<String> remoteThread = new CompletableFuture<>();
        assertThat(GridCalls.submit(map, remote, new Upper(), recording(GridCalls.partitionThreadOr(steps), remoteThread))
                .get(10, TimeUnit.SECONDS)).isEqualTo("B");
        assertThat(remoteThread.get(10, TimeUnit.SECONDS)).isEqualTo("steps");
        assertThat(map.get(local)).isEqualTo("A");
    }

    /** {@code executor}, noting the thread each step it is given runs on. */
    private static Executor recording(Executor executor, CompletableFuture<String> thread) {
        return task -> executor.execute(() -> {
            thread.complete(Thread.currentThread().getName());
            task.run();
        });
    }

    /** Keeps a key's partition thread busy until closed. */
    private record Held(CountDownLatch release) implements AutoCloseable {
        static Held partitionOf(IMap<String, String> map, String key) throws InterruptedException {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Holds.LATCHES.put("running", running);
            Holds.LATCHES.put("release", release);
            map.submitToKey(key, new Holds());
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            return new Held(release);
        }

        @Override
        public void close() {
            release.countDown();
        }
    }

    static final class Holds implements EntryProcessor<String, String, String> {
        static final Map<String, CountDownLatch> LATCHES = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public String process(Map.Entry<String, String> entry) {
            LATCHES.get("running").countDown();
            try {
                LATCHES.get("release").await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }

        @Override
        public EntryProcessor<String, String, String> getBackupProcessor() {
            return null;
        }
    }

    private static String keyOwnedBy(int member, String prefix) {
        return keyOwnedBy(member, prefix, partition -> true);
    }

    private static String keyOwnedBy(int member, String prefix, IntPredicate partitionWanted) {
        var owner = cluster.member(member).getCluster().getLocalMember();
        for (int i = 0; ; i++) {
            String key = prefix + i;
            var partition = cluster.member(0).getPartitionService().getPartition(key);
            if (owner.equals(partition.getOwner()) && partitionWanted.test(partition.getPartitionId())) {
                return key;
            }
        }
    }

    @Test
    void aLocalRunHandsItsAnswerOverAsIsAndARemoteRunSendsItSerialized() throws Exception {
        IMap<String, String> map = cluster.member(0).getMap("grid-calls-in-place-" + System.nanoTime());
        int local = 0;
        int remote = 0;
        for (int i = 0; i < 40; i++) {
            map.put("k" + i, "v" + i);
            Boxes processor = new Boxes();
            Box answer = GridCalls.submit(map, "k" + i, processor, steps).get(10, TimeUnit.SECONDS);
            assertThat(answer).isEqualTo(new Box("V" + i));
            if (cluster.member(0).getPartitionService().getPartition("k" + i).getOwner().localMember()) {
                // Run on the caller's own instance: the very object it made, never serialized.
                assertThat(answer).isSameAs(processor.made);
                local++;
            } else {
                // Run on a deserialized copy on the other member: the caller's instance made nothing.
                assertThat(processor.made).isNull();
                remote++;
            }
        }
        assertThat(local).isPositive();
        assertThat(remote).isPositive();
        assertThat(map.get("k7")).isEqualTo("V7");
        assertThat(GridCalls.submit(map, "absent", new Boxes(), steps).get(10, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aProcessorThatNeedsTheInstanceGetsIt() throws Exception {
        IMap<String, String> map = cluster.member(0).getMap("grid-calls-aware-" + System.nanoTime());
        map.put("k", "v");
        // The processor runs where the key lives, with that member's instance.
        String owner = cluster.member(0).getPartitionService().getPartition("k").getOwner().getUuid()
                .equals(cluster.member(0).getCluster().getLocalMember().getUuid())
                ? cluster.member(0).getName() : cluster.member(1).getName();
        assertThat(GridCalls.submit(map, "k", new NamesInstance(), steps).get(10, TimeUnit.SECONDS)).isEqualTo(owner);
    }

    @Test
    void aFailureArrivesAsItselfNotWrapped() {
        IMap<String, String> map = cluster.member(0).getMap("grid-calls-fail-" + System.nanoTime());
        map.put("k", "v");
        CompletableFuture<String> failed = GridCalls.submit(map, "k", new Refuses(), steps);
        assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("refused k");
    }

    static final class Upper implements EntryProcessor<String, String, String> {
        @Override
        public String process(Map.Entry<String, String> entry) {
            entry.setValue(entry.getValue().toUpperCase());
            return entry.getValue();
        }
    }

    record Box(String value) implements java.io.Serializable {
    }

    /** Upper-cases the value and answers it boxed, in the caller's slot when it runs on the caller's instance. */
    static final class Boxes implements EntryProcessor<String, String, Box>, AnswersInPlace<Box> {
        private transient AnswerSlot<Box> slot;
        private transient Box made;

        @Override
        public void answerIn(AnswerSlot<Box> slot) {
            this.slot = slot;
        }

        @Override
        public Box process(Map.Entry<String, String> entry) {
            if (entry.getValue() == null) {
                return null;
            }
            entry.setValue(entry.getValue().toUpperCase());
            made = new Box(entry.getValue());
            return slot == null ? made : slot.keep(made);
        }
    }

    static final class NamesInstance implements EntryProcessor<String, String, String>, HazelcastInstanceAware {
        private transient HazelcastInstance instance;

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
            instance = hazelcastInstance;
        }

        @Override
        public String process(Map.Entry<String, String> entry) {
            return instance.getName();
        }
    }

    static final class Refuses implements EntryProcessor<String, String, String> {
        @Override
        public String process(Map.Entry<String, String> entry) {
            throw new IllegalArgumentException("refused " + entry.getKey());
        }
    }
}
