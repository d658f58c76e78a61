package io.sessiongrid.node.store;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The store on {@code /health}: DOWN while its calls fail. Not a readiness check: a node keeps
 * serving memory (and write-behind apps keep working) while PostgreSQL is away.
 */
@Singleton
@Requires(bean = DurableStore.class)
public class StoreHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final StoreHealth health;
    private final WriteBacklog backlog;
    private final InitialLoad initialLoad;
    private final StoreSettings settings;

    public StoreHealthIndicator(StoreHealth health, WriteBacklog backlog, InitialLoad initialLoad, StoreSettings settings) {
        this.health = health;
        this.backlog = backlog;
        this.initialLoad = initialLoad;
        this.settings = settings;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = health.available() ? HealthStatus.UP : HealthStatus.DOWN;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("available", health.available());
        details.put("pendingWrites", backlog.pending());
        details.put("maxPendingWrites", settings.maxPendingWrites());
        details.put("initialLoad", initialLoad.state());
        details.put("failures", health.failures());
        if (health.failingSince() != null) {
            details.put("failingSince", health.failingSince().toString());
        }
        if (health.lastError() != null) {
            details.put("lastError", health.lastError());
        }
        return details;
    }

    @Override
    protected String getName() {
        return "store";
    }
}
