package io.sessiongrid.bench.report;

/**
 * One operation type's figures in one run; latencies in milliseconds, throughput per second.
 *
 * @param firstError the first failure seen, or null
 */
public record OpResult(String type, long count, double throughput, double p50, double p90, double p99, double p999,
                       double max, long errors, String firstError) {
}
