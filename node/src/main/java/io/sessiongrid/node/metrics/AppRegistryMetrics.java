package io.sessiongrid.node.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sessiongrid.node.session.AppRegistry;
import jakarta.inject.Singleton;

/**
 * How many apps the cluster holds against its bound: {@code sessiongrid.apps.admitted} (apps created
 * besides the configured ones, as this member knows them), {@code sessiongrid.apps.limit}
 * ({@code sessiongrid.limits.max-apps}, 0 = none) and {@code sessiongrid.apps.refused} (creates this
 * member refused at the bound). No app tag: the refused names are exactly the unbounded ones.
 */
@Singleton
public class AppRegistryMetrics implements MeterBinder {

    private final AppRegistry apps;

    public AppRegistryMetrics(AppRegistry apps) {
        this.apps = apps;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("sessiongrid.apps.admitted", apps, AppRegistry::admitted)
                .description("Apps created besides the configured ones").register(registry);
        Gauge.builder("sessiongrid.apps.limit", apps, AppRegistry::maxApps)
                .description("Most apps the cluster creates besides the configured ones (0 = no bound)").register(registry);
        FunctionCounter.builder("sessiongrid.apps.refused", apps, AppRegistry::refused)
                .description("Creates refused because the cluster held its limit of apps").register(registry);
    }
}
