package io.sessiongrid.node.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;

import java.util.function.Supplier;

/**
 * The meter registry, looked up at first use and then kept. First use comes late because the
 * registry's binders need the Hazelcast member, which needs the meters; kept because a lookup during
 * shutdown (write-behind flushes count too) would make the context build a second registry.
 */
public final class LazyRegistry implements Supplier<MeterRegistry> {

    private final BeanProvider<MeterRegistry> provider;
    private volatile MeterRegistry registry;

    public LazyRegistry(BeanProvider<MeterRegistry> provider) {
        this.provider = provider;
    }

    @Override
    public MeterRegistry get() {
        MeterRegistry r = registry;
        if (r == null) {
            synchronized (this) {
                if (registry == null) {
                    registry = provider.get();
                }
                r = registry;
            }
        }
        return r;
    }
}
