package io.sessiongrid.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sessiongrid.node.session.LifecycleEvents;

import java.util.function.Supplier;

/**
 * Counters of sessions that end without a delete and of policy refusals:
 * {@code sessiongrid.sessions.expired{app}}, {@code sessiongrid.sessions.evicted{app,cause}} and
 * {@code sessiongrid.violations{app,kind}}, and route lookups {@code sessiongrid.routes{app,result}}. Expiry and size eviction come from Hazelcast's own entry
 * listeners ({@link SessionEndListener}), the rest from the engine.
 */
public final class LifecycleMetrics implements LifecycleEvents {

    /** Where a member's {@link SessionEndListener} finds this object: the Hazelcast user context. */
    public static final String CONTEXT_KEY = "sessiongrid.lifecycleMetrics";
    static final String EXPIRED = "sessiongrid.sessions.expired";
    static final String EVICTED = "sessiongrid.sessions.evicted";
    static final String VIOLATIONS = "sessiongrid.violations";
    static final String ROUTES = "sessiongrid.routes";
    static final String IDS = "sessiongrid.ids";
    /** Hazelcast evicted the session because the app reached its per-member cap. */
    public static final String CAUSE_CAPACITY = "capacity";

    private final Supplier<MeterRegistry> registry;
    private final AppTags tags;

    /**
     * @param registry looked up at the first count: the member that reports here exists before the
     *                 registry does (the registry's binders need the member)
     */
    public LifecycleMetrics(Supplier<MeterRegistry> registry, AppTags tags) {
        this.registry = registry;
        this.tags = tags;
    }

    public void expired(String app) {
        Counter.builder(EXPIRED).description("Sessions removed by TTL or idle timeout")
                .tag("app", tags.tag(app)).register(registry.get()).increment();
    }

    @Override
    public void evicted(String app, String cause) {
        Counter.builder(EVICTED).description("Sessions removed by a cap (capacity or user-limit)")
                .tag("app", tags.tag(app)).tag("cause", cause).register(registry.get()).increment();
    }

    @Override
    public void routeLookup(String app, boolean hit) {
        Counter.builder(ROUTES).description("Route lookups by proxies, found (hit) or not (miss)")
                .tag("app", tags.tag(app)).tag("result", hit ? "hit" : "miss").register(registry.get()).increment();
    }

    @Override
    public void idLookup(String app, String result) {
        Counter.builder(IDS).description("Id-index lookups of calls by session id: hit, store (re-indexed) or miss")
                .tag("app", tags.tag(app)).tag("result", result).register(registry.get()).increment();
    }

    @Override
    public void violation(String app, String limit) {
        Counter.builder(VIOLATIONS).description("Requests refused or trimmed by an app's limits")
                .tag("app", tags.tag(app)).tag("kind", limit).register(registry.get()).increment();
    }
}
