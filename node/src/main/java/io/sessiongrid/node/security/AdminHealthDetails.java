package io.sessiongrid.node.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.endpoint.health.HealthLevelOfDetail;
import io.micronaut.management.health.aggregator.HealthAggregator;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;

import java.security.Principal;

/**
 * {@code /health} with access control on: everyone gets the status (probes need no token), only an
 * admin token for every app ({@code apps: ["*"]}) gets the details. They name members, their
 * addresses, the store's state and its last error, which an app's token has no business reading;
 * Micronaut's own choice is all authenticated callers or none.
 */
@Replaces(HealthEndpoint.class)
@Requires(property = "sessiongrid.security.enabled", value = "true")
@Endpoint(value = HealthEndpoint.NAME, defaultSensitive = HealthEndpoint.DEFAULT_SENSITIVE)
public class AdminHealthDetails extends HealthEndpoint {

    public AdminHealthDetails(HealthAggregator<HealthResult> healthAggregator, HealthIndicator[] healthIndicators,
                              @Liveness HealthIndicator[] livenessHealthIndicators) {
        super(healthAggregator, healthIndicators, livenessHealthIndicators);
    }

    @Override
    protected HealthLevelOfDetail levelOfDetail(@Nullable Principal principal) {
        return principal instanceof TokenAuthentication token && token.token().permitsAcrossApps(Scope.ADMIN)
                ? HealthLevelOfDetail.STATUS_DESCRIPTION_DETAILS
                : HealthLevelOfDetail.STATUS;
    }
}
