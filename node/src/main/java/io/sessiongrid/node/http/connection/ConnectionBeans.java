package io.sessiongrid.node.http.connection;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.sessiongrid.node.metrics.ConnectionMetrics;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

@Factory
public class ConnectionBeans {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionBeans.class);

    /** Resolved at start, before the member starts, so a cap the file descriptors cannot hold stops the node there. */
    @Context
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public ConnectionLimits connectionLimits(ConnectionSettings settings,
                                             @Value("${micronaut.server.idle-timeout:5m}") Duration idleTimeout) {
        ConnectionLimits limits = ConnectionLimits.resolve(settings);
        LOG.info("HTTP connections: at most {} (+{} for health probes; file-descriptor limit {}); a request must arrive"
                        + " complete within {} ms, an idle connection closes after {} s",
                limits.maxConnections(), limits.healthReserve(),
                ConnectionLimits.fileDescriptorLimit().stream().mapToObj(Long::toString).findFirst().orElse("unknown"),
                limits.requestTimeout().toMillis(), idleTimeout.toSeconds());
        return limits;
    }

    @Singleton
    public OpenConnections openConnections(ConnectionLimits limits, ConnectionMetrics metrics) {
        return new OpenConnections(limits, metrics);
    }
}
