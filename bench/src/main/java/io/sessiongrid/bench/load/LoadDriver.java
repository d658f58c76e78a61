package io.sessiongrid.bench.load;

import io.sessiongrid.bench.report.OpResult;
import io.sessiongrid.bench.report.RunResult;
import io.sessiongrid.bench.store.SessionStore;
import io.sessiongrid.bench.workload.Operation;
import io.sessiongrid.bench.workload.Workload;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a workload against a store for a warm-up and a measured period.
 * <ul>
 *   <li>open loop: operations are due at a fixed rate whatever the store does, and each latency runs
 *   from the due time, so queueing behind a slow call counts (corrected for coordinated omission);
 *   when {@code maxOutstanding} operations wait, further ones are counted as errors ("overloaded");</li>
 *   <li>closed loop: {@code threads} callers issue the next operation as soon as one finishes — the
 *   store's maximum throughput; latency is service time.</li>
 * </ul>
 */
public final class LoadDriver {

    private final int threads;
    private final int maxOutstanding;
    private final Duration warmup;
    private final Duration duration;

    public LoadDriver(int threads, int maxOutstanding, Duration warmup, Duration duration) {
        this.threads = threads;
        this.maxOutstanding = maxOutstanding;
        this.warmup = warmup;
        this.duration = duration;
    }

    /**
     * Open loop at {@code rate} operations per second. The warm-up runs at the same rate, then every
     * operation it issued finishes before the measured period starts on a fresh schedule, so a backlog
     * built while the JIT and pools warmed up is not charged to the measurement.
     */
    public RunResult open(SessionStore store, Workload workload, double rate) throws InterruptedException {
        return open(store, workload, rate, ServerCpu.none());
    }

    /** {@link #open(SessionStore, Workload, double)}, charging the server's CPU over the measured period. */
    RunResult open(SessionStore store, Workload workload, double rate, ServerCpu cpu) throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder(workload.operationTypes());
        try (LaneExecutor executor = new LaneExecutor(store, recorder, threads, maxOutstanding)) {
            paced(executor, recorder, workload, rate, System.nanoTime(), warmup);
            executor.drain(2, TimeUnit.MINUTES);
            long measureStart = System.nanoTime();
            OptionalLong cpuStart = cpu.micros();
            recorder.measureFrom(measureStart);
            paced(executor, recorder, workload, rate, measureStart, duration);
            executor.drain(2, TimeUnit.MINUTES);
            return result(store, workload, "open", rate, recorder, cpu, cpuStart);
        }
    }

    private void paced(LaneExecutor executor, LatencyRecorder recorder, Workload workload, double rate, long start,
                       Duration period) {
        long periodNanos = (long) (1e9 / rate);
        long end = start + period.toNanos();
        for (long i = 0; ; i++) {
            long due = start + i * periodNanos;
            if (due - end >= 0) {
                return;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Operation op = workload.next();
            if (!executor.submitDue(op, due)) {
                recorder.error(op.type(), due, new IllegalStateException("overloaded: " + maxOutstanding
                        + " operations outstanding, or an earlier operation of this session was dropped"));
            }
        }
    }

    /** Closed loop: as fast as {@code threads} concurrent callers go. */
    public RunResult closed(SessionStore store, Workload workload) throws InterruptedException {
        return closed(store, workload, ServerCpu.none());
    }

    /** {@link #closed(SessionStore, Workload)}, charging the server's CPU over the measured period. */
    RunResult closed(SessionStore store, Workload workload, ServerCpu cpu) throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder(workload.operationTypes());
        try (LaneExecutor executor = new LaneExecutor(store, recorder, threads, threads)) {
            long start = System.nanoTime();
            long measureStart = start + warmup.toNanos();
            long end = measureStart + duration.toNanos();
            recorder.measureFrom(measureStart);
            OptionalLong cpuStart = OptionalLong.empty();
            boolean measuring = false;
            while (System.nanoTime() - end < 0) {
                if (!measuring && System.nanoTime() - measureStart >= 0) {
                    measuring = true;
                    cpuStart = cpu.micros();
                }
                executor.submitWhenFree(workload.next());
            }
            executor.drain(2, TimeUnit.MINUTES);
            return result(store, workload, "closed", 0, recorder, cpu, cpuStart);
        }
    }

    private RunResult result(SessionStore store, Workload workload, String mode, double rate, LatencyRecorder recorder,
                             ServerCpu cpu, OptionalLong cpuStart) {
        OptionalLong cpuEnd = cpu.micros();
        Map<String, Histogram> histograms = recorder.drain();
        Map<String, Long> errors = recorder.drainErrors();
        Map<String, String> firstErrors = recorder.firstErrors();
        double seconds = duration.toNanos() / 1e9;
        List<OpResult> ops = new ArrayList<>();
        for (String type : workload.operationTypes()) {
            Histogram h = histograms.get(type);
            ops.add(new OpResult(type, h.getTotalCount(), h.getTotalCount() / seconds,
                    ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                    ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), errors.get(type), firstErrors.get(type)));
        }
        long done = ops.stream().mapToLong(o -> o.count() + o.errors()).sum();
        double cpuPerOp = cpuStart.isPresent() && cpuEnd.isPresent() && done > 0
                ? (double) (cpuEnd.getAsLong() - cpuStart.getAsLong()) / done : Double.NaN;
        return new RunResult(store.name(), workload.name(), mode, rate, threads, seconds, ops, cpuPerOp, cpu.description());
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
