package io.sessiongrid.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** Latencies (microseconds, HdrHistogram) and error counts per operation type, recorded from many threads. */
final class LatencyRecorder {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);

    private final Map<String, Recorder> latencies = new LinkedHashMap<>();
    private final Map<String, LongAdder> errors = new LinkedHashMap<>();
    private final Map<String, String> firstError = new java.util.concurrent.ConcurrentHashMap<>();

    LatencyRecorder(List<String> types) {
        for (String type : types) {
            latencies.put(type, new Recorder(HIGHEST_MICROS, 3));
            errors.put(type, new LongAdder());
        }
    }

    private volatile long measureFrom = Long.MAX_VALUE;

    /** Operations due before this instant (System.nanoTime) are warm-up and not recorded; MAX_VALUE = none yet. */
    void measureFrom(long nanos) {
        measureFrom = nanos;
    }

    private boolean before(long dueNanos) {
        long from = measureFrom;
        return from == Long.MAX_VALUE || dueNanos - from < 0;
    }

    void success(String type, long dueNanos, long endNanos) {
        if (before(dueNanos)) {
            return;
        }
        latencies.get(type).recordValue(Math.min(HIGHEST_MICROS, Math.max(1, (endNanos - dueNanos) / 1_000)));
    }

    void error(String type, long dueNanos, Throwable cause) {
        if (before(dueNanos)) {
            return;
        }
        errors.get(type).increment();
        firstError.putIfAbsent(type, String.valueOf(cause));
    }

    /** Histograms since the previous call. */
    Map<String, Histogram> drain() {
        Map<String, Histogram> out = new LinkedHashMap<>();
        latencies.forEach((type, recorder) -> out.put(type, recorder.getIntervalHistogram()));
        return out;
    }

    /** Errors since the previous call. */
    Map<String, Long> drainErrors() {
        Map<String, Long> out = new LinkedHashMap<>();
        errors.forEach((type, adder) -> out.put(type, adder.sumThenReset()));
        return out;
    }

    Map<String, String> firstErrors() {
        return Map.copyOf(firstError);
    }
}
