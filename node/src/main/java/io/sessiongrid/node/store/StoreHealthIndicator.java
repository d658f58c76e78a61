package io.sessiongrid.node.store;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The store on {@code /health}: {@code UNAVAILABLE} while its calls fail. That status is operational on
 * purpose: Micronaut's readiness includes every indicator not marked liveness, and a DOWN here would
 * take every node out of service at once when the database goes, while memory (and write-behind
 * apps) keep working. Readiness waits for the store only at start ({@link InitialLoadReadiness}).
 */
@Singleton
@Requires(bean = DurableStore.class)
public class StoreHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    static final HealthStatus UNAVAILABLE = new HealthStatus("UNAVAILABLE",
            "The session store does not answer: durable writes are refused or queued", true, null);

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
        healthStatus = health.available() ? HealthStatus.UP : UNAVAILABLE;
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
