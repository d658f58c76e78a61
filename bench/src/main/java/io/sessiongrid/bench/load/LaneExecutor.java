package io.sessiongrid.bench.load;

import io.sessiongrid.bench.store.SessionStore;
import io.sessiongrid.bench.workload.Operation;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs operations on a worker pool, one lane (session) at a time in issue order, and records each
 * latency from the moment the operation was due — the intended start in open-loop mode, so a stalled
 * store is charged for every request that queued behind the stall (no coordinated omission).
 */
final class LaneExecutor implements AutoCloseable {

    private final SessionStore store;
    private final LatencyRecorder recorder;
    private final ExecutorService workers;
    private final Semaphore outstanding;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> lanes = new ConcurrentHashMap<>();
    /** Lanes whose last operation was dropped; their dependent operations are dropped too. */
    private final Set<String> broken = ConcurrentHashMap.newKeySet();

    LaneExecutor(SessionStore store, LatencyRecorder recorder, int threads, int maxOutstanding) {
        this.store = store;
        this.recorder = recorder;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.outstanding = new Semaphore(maxOutstanding);
    }

    /** Waits for a free slot, then issues; in closed-loop mode this wait is what paces the load. */
    void submitWhenFree(Operation op) throws InterruptedException {
        outstanding.acquire();
        issue(op, System.nanoTime());
    }

    /**
     * Issues an operation due at {@code dueNanos}; false when it is dropped: too many are outstanding
     * (the store has fallen behind), or an earlier operation it depends on in its lane was dropped (a
     * conversation whose create was dropped would otherwise report its appends as "not found").
     */
    boolean submitDue(Operation op, long dueNanos) {
        if (!op.startsLane() && broken.contains(op.lane())) {
            return false;
        }
        if (!outstanding.tryAcquire()) {
            broken.add(op.lane());
            return false;
        }
        broken.remove(op.lane());
        issue(op, dueNanos);
        return true;
    }

    private void issue(Operation op, long dueNanos) {
        CompletableFuture<Void> next = lanes.compute(op.lane(), (lane, tail) -> {
            CompletableFuture<Void> previous = tail == null ? CompletableFuture.completedFuture(null) : tail;
            return previous.handleAsync((ignored, failure) -> {
                run(op, dueNanos);
                return null;
            }, workers);
        });
        // Outside compute: the future may already be done, and its callback then runs right here.
        next.whenComplete((ignored, failure) -> lanes.remove(op.lane(), next));
    }

    private void run(Operation op, long dueNanos) {
        try {
            op.action().accept(store);
            recorder.success(op.type(), dueNanos, System.nanoTime());
        } catch (RuntimeException e) {
            recorder.error(op.type(), dueNanos, e);
        } finally {
            outstanding.release();
        }
    }

    /** Waits until every issued operation has finished. */
    void drain(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!lanes.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
