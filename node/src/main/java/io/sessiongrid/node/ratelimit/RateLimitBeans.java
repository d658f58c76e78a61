package io.sessiongrid.node.ratelimit;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Factory
public class RateLimitBeans {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitBeans.class);

    /** Built at start, so a bad limit stops the node there rather than at the first request. */
    @Context
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public RateLimiter rateLimiter(Environment env) {
        RateLimitSettings settings = RateLimitSettings.read(env);
        LOG.info("Rate limits per node: each app {}, apps {}, each token {}", settings.app(), settings.apps(), settings.token());
        return new RateLimiter(settings);
    }
}
