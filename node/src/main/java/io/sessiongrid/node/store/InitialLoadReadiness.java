package io.sessiongrid.node.store;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

import java.util.Map;

/** Not ready until the durable apps' recent sessions are in memory; ready for good afterwards. */
@Singleton
@Readiness
@Requires(bean = DurableStore.class)
public class InitialLoadReadiness extends AbstractHealthIndicator<Map<String, Object>> {

    private final InitialLoad initialLoad;

    public InitialLoadReadiness(InitialLoad initialLoad) {
        this.initialLoad = initialLoad;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = initialLoad.done() ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("state", initialLoad.state());
    }

    @Override
    protected String getName() {
        return "initialLoad";
    }
}
