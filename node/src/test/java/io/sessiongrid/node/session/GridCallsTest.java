package io.sessiongrid.node.session;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.sessiongrid.node.support.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
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
        var field = GridCalls.class.getDeclaredField("GET_ASYNC_INTERNAL");
        field.setAccessible(true);
        assertThat(field.get(null)).isNotNull();
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
