package io.sessiongrid.bench.jmh;

import io.sessiongrid.node.session.IdRules;
import io.sessiongrid.node.session.SessionBeans;
import io.sessiongrid.node.session.event.EventNormalizer;
import io.sessiongrid.node.session.event.IncomingEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What bringing an append's event to its stored form costs on the event loop (strict parse to a tree,
 * checks, re-encoding, the delta split by layer), on the event {@code bench/wrk/append.lua} posts (about
 * 500 bytes, a three-layer state delta). Run with {@code -prof gc} for bytes per call. It weighs the
 * "streaming parse" cut: a one-pass version measured 11 % faster here, 0.3 us of an append's ~70, too
 * little for a second implementation of the event's rules (bench/RESULTS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class EventNormalizerBenchmark {

    private static final String TEXT = "The assistant looked up the order and asked which address to use. ".repeat(4);
    private static final byte[] EVENT = ("{\"id\":\"e-1-1\",\"invocationId\":\"inv-1\",\"author\":\"agent\","
            + "\"timestamp\":1733246400.000,\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + TEXT + "\"}]},"
            + "\"actions\":{\"stateDelta\":{\"step\":1,\"user:lang\":\"en\",\"app:model\":\"v1\"}}}")
            .getBytes(StandardCharsets.UTF_8);

    private final EventNormalizer normalizer = new EventNormalizer(new SessionBeans().stateJson(), new IdRules(128));

    @Benchmark
    public IncomingEvent normalize() {
        return normalizer.normalize(EVENT, 1733246400.5);
    }
}
