package io.sessiongrid.bench.load;

import io.sessiongrid.bench.report.RunResult;
import io.sessiongrid.bench.store.BenchEvent;
import io.sessiongrid.bench.store.SessionRef;
import io.sessiongrid.bench.store.SessionStore;
import io.sessiongrid.bench.store.SessionView;
import io.sessiongrid.bench.workload.Operation;
import io.sessiongrid.bench.workload.Workload;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The driver measures what a user would see: queueing in open loop, and one session's calls in order. */
class LoadDriverTest {

    @Test
    void openLoopChargesQueueingBehindASlowStoreToEveryWaitingOperation() throws InterruptedException {
        // One worker and 20 ms per call cannot keep up with 200 calls a second: each call waits for
        // all before it. Measured from its send time a call would look like 20 ms; from its due time
        // the later ones take seconds.
        SlowStore store = new SlowStore(20);
        RunResult result = new LoadDriver(1, 10_000, Duration.ZERO, Duration.ofSeconds(1))
                .open(store, new OneLaneEach("get"), 200);
        assertThat(result.operation("get").count()).isEqualTo(200);
        assertThat(result.operation("get").p99()).isGreaterThan(1_000.0);
        assertThat(result.operation("get").errors()).isZero();
    }

    @Test
    void openLoopCountsOperationsBeyondTheOutstandingBoundAsErrors() throws InterruptedException {
        SlowStore store = new SlowStore(50);
        RunResult result = new LoadDriver(1, 5, Duration.ZERO, Duration.ofMillis(500))
                .open(store, new OneLaneEach("get"), 200);
        assertThat(result.operation("get").errors()).isGreaterThan(50);
        assertThat(result.operation("get").firstError()).contains("overloaded: 5 operations outstanding");
    }

    @Test
    void aDroppedCreateDropsItsConversationInsteadOfSendingItsAppendsToNoSession() throws InterruptedException {
        CreatingStore store = new CreatingStore();
        RunResult result = new LoadDriver(1, 3, Duration.ZERO, Duration.ofMillis(600))
                .open(store, new Conversations(8), 400);
        assertThat(result.operation("create").errors()).isPositive();
        assertThat(result.operation("append").errors()).isPositive();
        // Every append that ran found its session: none ran after its conversation's create was dropped.
        assertThat(store.orphans).hasValue(0);
        assertThat(result.operation("append").firstError()).contains("an earlier operation of this session was dropped");
    }

    @Test
    void operationsOfOneLaneRunInIssueOrderEvenOnManyThreads() throws InterruptedException {
        SlowStore store = new SlowStore(1);
        new LoadDriver(16, 10_000, Duration.ZERO, Duration.ofMillis(500)).open(store, new SharedLane(), 2_000);
        List<Integer> order = store.appendOrder;
        assertThat(order).hasSizeGreaterThan(500);
        for (int i = 0; i < order.size(); i++) {
            assertThat(order.get(i)).isEqualTo(i);
        }
    }

    /** Every call sleeps; appends record the event number they carry. */
    private static final class SlowStore implements SessionStore {
        private final long millis;
        final List<Integer> appendOrder = Collections.synchronizedList(new ArrayList<>());

        SlowStore(long millis) {
            this.millis = millis;
        }

        private void pause() {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override public String name() { return "slow"; }
        @Override public void reset() { }
        @Override public void create(SessionRef ref, Map<String, String> state, Duration ttl, Duration maxIdle) { pause(); }
        @Override public void append(SessionRef ref, BenchEvent event) {
            pause();
            appendOrder.add(Integer.parseInt(event.id()));
        }
        @Override public SessionView get(SessionRef ref, int recentEvents, boolean touch) {
            pause();
            return new SessionView(true, 0, 0);
        }
        @Override public void delete(SessionRef ref) { pause(); }
        @Override public void close() { }
    }

    /** Appends to a session it never created count as orphans; every call takes 5 ms. */
    private static final class CreatingStore implements SessionStore {
        final Set<String> created = ConcurrentHashMap.newKeySet();
        final AtomicInteger orphans = new AtomicInteger();

        private static void pause() {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override public String name() { return "creating"; }
        @Override public void reset() { }
        @Override public void create(SessionRef ref, Map<String, String> state, Duration ttl, Duration maxIdle) {
            pause();
            created.add(ref.id());
        }
        @Override public void append(SessionRef ref, BenchEvent event) {
            pause();
            if (!created.contains(ref.id())) {
                orphans.incrementAndGet();
            }
        }
        @Override public SessionView get(SessionRef ref, int recentEvents, boolean touch) { return SessionView.ABSENT; }
        @Override public void delete(SessionRef ref) { }
        @Override public void close() { }
    }

    /** Lanes of conversations: a create that starts the lane, then four appends that depend on it. */
    private static final class Conversations implements Workload {
        private final int lanes;
        private final int[] step;
        private final int[] generation;
        private int cursor;

        Conversations(int lanes) {
            this.lanes = lanes;
            this.step = new int[lanes];
            this.generation = new int[lanes];
        }

        @Override public String name() { return "conversations"; }
        @Override public List<String> operationTypes() { return List.of("create", "append"); }
        @Override public void prepare(SessionStore store, int parallelism) { }
        @Override public Operation next() {
            int lane = cursor;
            cursor = (cursor + 1) % lanes;
            int s = step[lane];
            step[lane] = (s + 1) % 5;
            if (s == 0) {
                generation[lane]++;
            }
            SessionRef ref = new SessionRef("a", "u", "c" + lane + "-" + generation[lane]);
            if (s == 0) {
                return new Operation("create", "lane-" + lane, store -> store.create(ref, Map.of(), Duration.ZERO, Duration.ZERO));
            }
            BenchEvent event = new BenchEvent(ref.id() + "-" + s, 0, "{}", Map.of(), Map.of(), Map.of());
            return new Operation("append", "lane-" + lane, store -> store.append(ref, event), false);
        }
    }

    /** Independent operations, each on its own lane. */
    private static final class OneLaneEach implements Workload {
        private final String type;
        private int n;

        OneLaneEach(String type) {
            this.type = type;
        }

        @Override public String name() { return "independent"; }
        @Override public List<String> operationTypes() { return List.of(type); }
        @Override public void prepare(SessionStore store, int parallelism) { }
        @Override public Operation next() {
            SessionRef ref = new SessionRef("a", "u", "s" + n);
            return new Operation(type, "lane-" + n++, store -> store.get(ref, 0, false));
        }
    }

    /** Every operation on one lane, numbered in issue order. */
    private static final class SharedLane implements Workload {
        private int n;

        @Override public String name() { return "one-session"; }
        @Override public List<String> operationTypes() { return List.of("append"); }
        @Override public void prepare(SessionStore store, int parallelism) { }
        @Override public Operation next() {
            BenchEvent event = new BenchEvent(Integer.toString(n++), 0, "{}", Map.of(), Map.of(), Map.of());
            return new Operation("append", "the-session", store -> store.append(new SessionRef("a", "u", "s"), event));
        }
    }
}
