package io.sessiongrid.node.http.connection;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Connection limits of the HTTP server ({@code sessiongrid.limits.*}), as configured; {@link ConnectionLimits}
 * resolves them against the process's file-descriptor limit.
 *
 * @param maxConnections connections the node keeps open at once; unset: half the file-descriptor limit, at most 10,000
 * @param healthReserve  further connections accepted beyond the cap for {@code /health} probes only
 * @param requestTimeout longest a connection may take to send a complete request, from its first byte (or from
 *                       the accept, for a new connection); {@code 0s} = no limit
 */
@ConfigurationProperties("sessiongrid.limits")
public record ConnectionSettings(
        @Nullable Integer maxConnections,
        @Bindable(defaultValue = "32") int healthReserve,
        @Bindable(defaultValue = "10s") Duration requestTimeout) {

    static final String MAX_CONNECTIONS = "sessiongrid.limits.max-connections";
    static final String HEALTH_RESERVE = "sessiongrid.limits.health-reserve";
    static final String REQUEST_TIMEOUT = "sessiongrid.limits.request-timeout";
}
