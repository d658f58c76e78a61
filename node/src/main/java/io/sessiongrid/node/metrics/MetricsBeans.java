package io.sessiongrid.node.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.sessiongrid.node.policy.AppPolicies;
import jakarta.inject.Singleton;

/** The lifecycle meters, which the engine sees only as {@link io.sessiongrid.node.session.LifecycleEvents}. */
@Factory
public class MetricsBeans {

    /** One set of admitted app tags for every meter, so all meters agree on which apps are "_other". */
    @Singleton
    public AppTags appTags(AppPolicies policies, @Value("${sessiongrid.metrics.max-app-tags:100}") int maxAppTags) {
        return new AppTags(policies, maxAppTags);
    }

    @Singleton
    public LifecycleMetrics lifecycleMetrics(BeanProvider<MeterRegistry> registry, AppTags apps) {
        return new LifecycleMetrics(new LazyRegistry(registry), apps);
    }

    @Singleton
    public ConnectionMetrics connectionMetrics(BeanProvider<MeterRegistry> registry) {
        return new ConnectionMetrics(new LazyRegistry(registry));
    }

    @Singleton
    public HotRouteMetrics hotRouteMetrics(BeanProvider<MeterRegistry> registry) {
        return new HotRouteMetrics(new LazyRegistry(registry));
    }

    @Singleton
    public RejectionMetrics rejectionMetrics(BeanProvider<MeterRegistry> registry, AppTags apps) {
        return new RejectionMetrics(new LazyRegistry(registry), apps);
    }
}
