package io.sessiongrid.bench.report;

import java.util.List;

/**
 * One target's run of one workload.
 *
 * @param mode   "open" (fixed rate, latency from the intended start) or "closed" (as fast as {@code threads} allow)
 * @param rate   operations per second asked for (open) or 0 (closed)
 * @param serverCpuMicrosPerOp the server's CPU time over the measured period per operation (µs), NaN if unknown
 * @param serverCpuSource      whose CPU that is (the node process, redis-server, postgres processes)
 */
public record RunResult(String target, String workload, String mode, double rate, int threads, double seconds,
                        List<OpResult> operations, double serverCpuMicrosPerOp, String serverCpuSource) {

    public RunResult(String target, String workload, String mode, double rate, int threads, double seconds,
                     List<OpResult> operations) {
        this(target, workload, mode, rate, threads, seconds, operations, Double.NaN, "");
    }

    public double throughput() {
        return operations.stream().mapToDouble(OpResult::throughput).sum();
    }

    public long errors() {
        return operations.stream().mapToLong(OpResult::errors).sum();
    }

    public OpResult operation(String type) {
        return operations.stream().filter(o -> o.type().equals(type)).findFirst().orElse(null);
    }
}
