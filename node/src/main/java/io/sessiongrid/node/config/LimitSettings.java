package io.sessiongrid.node.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Input limits ({@code sessiongrid.limits.*}). The body limit, {@code max-request-bytes}, is applied by
 * the HTTP server itself through {@code micronaut.server.max-request-size} (see application.yml).
 *
 * @param maxIdLength     longest app name, user id, session id or event id
 * @param defaultPageSize page size when a listing does not ask for one
 * @param maxPageSize     largest page a listing may ask for
 * @param maxApps         most apps the cluster creates besides the configured ones (each costs every
 *                        member heap); a create of another gets 409 app-limit; 0 = no bound
 */
@ConfigurationProperties("sessiongrid.limits")
public record LimitSettings(
        @Bindable(defaultValue = "256") int maxIdLength,
        @Bindable(defaultValue = "100") int defaultPageSize,
        @Bindable(defaultValue = "1000") int maxPageSize,
        @Bindable(defaultValue = "100") int maxApps) {
}
