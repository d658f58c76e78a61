package io.sessiongrid.node.metrics;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-app operation timers: one per admitted app, one shared by the rest, with fixed latency buckets. */
class AppOperationTimersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AppOperationTimers timers = new AppOperationTimers(() -> registry,
            new AppTags(AppPolicies.of(AppPolicy.BUILT_IN), 2));

    @Test
    void appsBeyondTheTagLimitShareOneTimerPerOperation() {
        timers.timer("append", "alpha", true).record(3, TimeUnit.MILLISECONDS);
        timers.timer("append", "beta", true).record(3, TimeUnit.MILLISECONDS);
        timers.timer("append", "gamma", true).record(3, TimeUnit.MILLISECONDS);
        timers.timer("append", "delta", true).record(3, TimeUnit.MILLISECONDS);
        timers.timer("get", "gamma", true).record(3, TimeUnit.MILLISECONDS);
        timers.timer("append", "alpha", true).record(3, TimeUnit.MILLISECONDS);

        Map<String, Long> appends = new TreeMap<>();
        registry.get(AppOperationTimers.METER).tag("op", "append").timers()
                .forEach(t -> appends.put(t.getId().getTag("app"), t.count()));
        assertThat(appends).isEqualTo(Map.of("alpha", 2L, "beta", 1L, AppTags.OTHER, 2L));
        assertThat(registry.get(AppOperationTimers.METER).tag("op", "get").timer().getId().getTag("app"))
                .isEqualTo(AppTags.OTHER);
    }

    @Test
    void aRefusedCallTakesNoTagAndANullAppCountsAsOther() {
        timers.timer("get", "not-a-real-app", false).record(1, TimeUnit.MILLISECONDS);
        timers.timer("get", null, true).record(1, TimeUnit.MILLISECONDS);
        timers.timer("create", "alpha", true).record(1, TimeUnit.MILLISECONDS);
        timers.timer("create", "beta", true).record(1, TimeUnit.MILLISECONDS);

        Map<String, Long> gets = new TreeMap<>();
        registry.get(AppOperationTimers.METER).tag("op", "get").timers()
                .forEach(t -> gets.put(t.getId().getTag("app"), t.count()));
        assertThat(gets).isEqualTo(Map.of(AppTags.OTHER, 2L));
        // Both tags were still free for the apps whose calls succeeded.
        assertThat(registry.get(AppOperationTimers.METER).tag("op", "create").tag("app", "beta").timer().count())
                .isEqualTo(1);
    }

    @Test
    void theSameAppAndOperationIsOneTimer() {
        assertThat(timers.timer("create", "alpha", true)).isSameAs(timers.timer("create", "alpha", true));
        assertThat(timers.timer("create", "zeta", true)).isNotSameAs(timers.timer("get", "zeta", true));
    }

    @Test
    void latenciesLandInTheNineFixedBuckets() {
        Timer timer = timers.timer("append", "alpha", true);
        timer.record(500, TimeUnit.MICROSECONDS);
        timer.record(4, TimeUnit.MILLISECONDS);
        timer.record(4, TimeUnit.MILLISECONDS);
        timer.record(300, TimeUnit.MILLISECONDS);
        timer.record(2, TimeUnit.SECONDS);

        CountAtBucket[] buckets = timer.takeSnapshot().histogramCounts();
        assertThat(Arrays.stream(buckets).map(b -> (long) b.bucket(TimeUnit.MILLISECONDS)))
                .containsExactly(1L, 2L, 5L, 10L, 25L, 50L, 100L, 250L, 1000L);
        // Cumulative: at most 1 ms, at most 2 ms, ..., at most 1 s.
        assertThat(Arrays.stream(buckets).map(b -> (long) b.count()))
                .containsExactly(1L, 1L, 3L, 3L, 3L, 3L, 3L, 3L, 4L);
        assertThat(timer.count()).isEqualTo(5);
    }
}
