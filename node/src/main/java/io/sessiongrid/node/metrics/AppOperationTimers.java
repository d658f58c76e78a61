package io.sessiongrid.node.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@code sessiongrid.app.op}: each operation's latency per app, the app tagged as {@link AppTags} allows.
 * A full percentile histogram per app and operation would be some seventy series each; these timers
 * carry count, sum, max and nine fixed buckets, enough for an app's rate and an estimated p99 with
 * {@code histogram_quantile}. Outcomes stay on {@code sessiongrid.op} alone.
 */
public final class AppOperationTimers {

    static final String METER = "sessiongrid.app.op";
    static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofSeconds(1)};

    private final Supplier<MeterRegistry> registry;
    private final AppTags tags;
    /** Timers by op, then by app name; only names that are their own tag are kept, so the maps stay bounded. */
    private final Map<String, Map<String, Timer>> byOp = new ConcurrentHashMap<>();

    public AppOperationTimers(Supplier<MeterRegistry> registry, AppTags tags) {
        this.registry = registry;
        this.tags = tags;
    }

    /**
     * The timer of an operation on {@code app} (null: unknown, counted under {@code _other}). Only an
     * operation that succeeded may take a new app tag: refused calls (a malformed or unknown app name,
     * a stranger's) must not use up the tags every meter shares.
     */
    public Timer timer(String op, String app, boolean succeeded) {
        Map<String, Timer> apps = byOp.computeIfAbsent(op, o -> new ConcurrentHashMap<>());
        if (app == null) {
            return other(op, apps);
        }
        Timer timer = apps.get(app);
        if (timer != null) {
            return timer;
        }
        String tag = succeeded ? tags.tag(app) : tags.existingTag(app);
        if (tag.equals(app)) {
            return apps.computeIfAbsent(app, a -> register(op, a));
        }
        return other(op, apps);
    }

    private Timer other(String op, Map<String, Timer> apps) {
        Timer other = apps.get(AppTags.OTHER);  // apps past the limit come here on every call: no lambda
        return other != null ? other : apps.computeIfAbsent(AppTags.OTHER, a -> register(op, a));
    }

    private Timer register(String op, String tag) {
        return Timer.builder(METER)
                .description("Session Grid operations per app (all outcomes)")
                .tag("op", op)
                .tag("app", tag)
                .serviceLevelObjectives(BUCKETS)
                .register(registry.get());
    }
}
