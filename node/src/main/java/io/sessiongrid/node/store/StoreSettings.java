package io.sessiongrid.node.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The durable store ({@code sessiongrid.store.*}): a PostgreSQL database that apps with durability
 * WRITE_BEHIND or WRITE_THROUGH keep their sessions and state layers in. No JDBC URL = no store.
 *
 * @param jdbcUrl          e.g. {@code jdbc:postgresql://db:5432/sessions}; empty = memory only
 * @param username         database user
 * @param password         database password (never logged)
 * @param schema           schema the node creates and migrates its tables in
 * @param poolSize         most connections this member holds
 * @param connectTimeout   longest wait for a connection before a store call fails
 * @param sweepInterval    how often one member deletes expired rows
 * @param maxPendingWrites write-behind changes a member may hold unstored before writes of durable
 *                         apps get 503 (0 = no bound)
 * @param retryAfter       the Retry-After a refused write gets while the store is unavailable
 * @param commitResolveTimeout longest wait, after a COMMIT whose answer was lost, to learn from
 *                         PostgreSQL whether it committed before the write counts as in doubt
 */
@ConfigurationProperties("sessiongrid.store")
public record StoreSettings(
        @Bindable(defaultValue = "") String jdbcUrl,
        @Bindable(defaultValue = "") String username,
        @Bindable(defaultValue = "") String password,
        @Bindable(defaultValue = "sessiongrid") String schema,
        @Bindable(defaultValue = "8") int poolSize,
        @Bindable(defaultValue = "5s") Duration connectTimeout,
        @Bindable(defaultValue = "30s") Duration sweepInterval,
        @Bindable(defaultValue = "100000") int maxPendingWrites,
        @Bindable(defaultValue = "5s") Duration retryAfter,
        @Bindable(defaultValue = "5s") Duration commitResolveTimeout) {

    @Override
    public String toString() {
        // The password stays out of logs.
        return "StoreSettings[jdbcUrl=" + jdbcUrl + ", username=" + username + ", schema=" + schema
                + ", poolSize=" + poolSize + ", maxPendingWrites=" + maxPendingWrites + "]";
    }
}
