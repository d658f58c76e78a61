package io.sessiongrid.bench.jmh;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sessiongrid.node.metrics.AppOperationTimers;
import io.sessiongrid.node.metrics.AppTags;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What timing one grid operation costs on the Prometheus registry the node uses: the per-operation
 * timer with its percentile histogram ({@code sessiongrid_op_seconds}, there before per-app latency)
 * and, added by it, the per-app timer's lookup and record ({@code sessiongrid_app_op_seconds}), for an
 * app with its own tag and for one past the tag limit. Two threads, as two event loops record at once.
 * Run with {@code -prof gc} for bytes per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Threads(2)
public class OperationMetricsBenchmark {

    private static final long ELAPSED_NANOS = 41_000;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer opTimer = Timer.builder("sessiongrid.op").tag("op", "append").tag("outcome", "ok")
            .publishPercentileHistogram().register(registry);
    private final AppOperationTimers appTimers = new AppOperationTimers(() -> registry,
            new AppTags(AppPolicies.of(AppPolicy.BUILT_IN), 1));

    public OperationMetricsBenchmark() {
        appTimers.timer("append", "bench", true);        // takes the one app tag
        appTimers.timer("append", "beyond-limit", true); // shares _other
    }

    @Benchmark
    public void perOperation() {
        opTimer.record(ELAPSED_NANOS, TimeUnit.NANOSECONDS);
    }

    @Benchmark
    public void perApp() {
        appTimers.timer("append", "bench", true).record(ELAPSED_NANOS, TimeUnit.NANOSECONDS);
    }

    @Benchmark
    public void perAppBeyondTheTagLimit() {
        appTimers.timer("append", "beyond-limit", true).record(ELAPSED_NANOS, TimeUnit.NANOSECONDS);
    }
}
