package io.sessiongrid.node.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.sessiongrid.node.metrics.AppTags;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Factory
public class SecurityBeans {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityBeans.class);

    /** Read at start, so a bad token entry stops the node there. */
    @Context
    public SecuritySettings securitySettings(Environment env, AppTags appTags) {
        SecuritySettings settings = SecuritySettings.read(env);
        // The apps tokens name are configuration, so their refusals get their own metric tag.
        settings.tokens().forEach(token -> appTags.declare(token.apps().stream().filter(app -> !app.equals(ApiToken.ANY_APP)).toList()));
        if (settings.on()) {
            LOG.info("Access control on: tokens {}; /prometheus {}", settings.tokens(),
                    settings.prometheusRequiresAdmin() ? "needs an admin token for every app" : "open");
        } else {
            LOG.info("Access control off ({})", settings.enabled().isPresent() ? SecuritySettings.ENABLED + ": false"
                    : SecuritySettings.ENABLED + " unset; protected mode allows loopback addresses only");
            if (!settings.tokens().isEmpty()) {
                LOG.warn("{} tokens are configured but ignored: access control is on only with {}: true",
                        settings.tokens().size(), SecuritySettings.ENABLED);
            }
        }
        return settings;
    }

    @Singleton
    @Requires(property = SecuritySettings.ENABLED, value = "true")
    public ApiTokens apiTokens(SecuritySettings settings) {
        return new ApiTokens(settings.tokens());
    }
}
