package io.sessiongrid.node.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sessiongrid.node.metrics.AppTags;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The store's meters: {@code sessiongrid.store.latency} (timer by operation and table),
 * {@code sessiongrid.store.errors} (counter by operation and table), {@code sessiongrid.store.loaded}
 * (sessions loaded, by app), {@code sessiongrid.store.lost-commits} (COMMITs whose answer was lost, by
 * what asking PostgreSQL found: committed, aborted, unknown). Tags come from fixed sets and the bounded
 * app tags.
 */
public final class StoreMetrics {

    /** What a store call did; a fixed set, so tag values stay bounded. */
    public enum Op {
        STORE, LOAD, LOAD_KEYS, DELETE, SWEEP;

        final String tag = name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Resolved on first use: the registry's binders reach the Hazelcast member, which needs this store. */
    private final Supplier<MeterRegistry> registry;
    private final AppTags apps;

    public StoreMetrics(Supplier<MeterRegistry> registry, AppTags apps) {
        this.registry = registry;
        this.apps = apps;
    }

    /** Runs a store call, timing it and counting its failure. */
    <T> T timed(Op op, String table, Callable<T> call) throws Exception {
        long start = System.nanoTime();
        try {
            return call.call();
        } catch (Exception | AssertionError e) {
            Counter.builder("sessiongrid.store.errors").description("Store calls that failed")
                    .tag("op", op.tag).tag("table", table).register(registry.get()).increment();
            throw e;
        } finally {
            Timer.builder("sessiongrid.store.latency").description("Time of store calls, one transaction each")
                    .tag("op", op.tag).tag("table", table).register(registry.get())
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    void loaded(String app, int sessions) {
        Counter.builder("sessiongrid.store.loaded").description("Sessions loaded from the store")
                .tag("app", apps.tag(app)).register(registry.get()).increment(sessions);
    }

    /** A COMMIT whose answer was lost, and what became of it: committed, aborted or unknown. */
    void lostCommit(String outcome) {
        Counter.builder("sessiongrid.store.lost-commits").description("COMMITs whose answer was lost, by what PostgreSQL said of them")
                .tag("outcome", outcome).register(registry.get()).increment();
    }

    MeterRegistry registry() {
        return registry.get();
    }
}
