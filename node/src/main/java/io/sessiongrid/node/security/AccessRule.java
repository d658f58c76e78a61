package io.sessiongrid.node.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.sessiongrid.node.http.AppVisibility;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * The one security rule of the node: it answers for every request (never "unknown"), ahead of
 * Micronaut's own rules. A rejection without a valid token becomes 401, with one 403.
 */
@Singleton
@Requires(property = SecuritySettings.ENABLED, value = "true")
public class AccessRule implements SecurityRule<HttpRequest<?>> {

    static final int ORDER = -1000;

    private final boolean prometheusRequiresAdmin;

    public AccessRule(SecuritySettings settings) {
        this.prometheusRequiresAdmin = settings.prometheusRequiresAdmin();
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, Authentication authentication) {
        ApiToken token = authentication instanceof TokenAuthentication t ? t.token() : null;
        RouteAccess access = RouteAccess.of(request, prometheusRequiresAdmin);
        request.setAttribute(RouteAccess.ATTRIBUTE, access);
        if (access.kind() == RouteAccess.Kind.LISTING && token != null) {
            request.setAttribute(AppVisibility.ATTRIBUTE,
                    new AppVisibility(app -> token.permits(app, Scope.READ), token.permitsAcrossApps(Scope.ADMIN)));
        }
        boolean permitted = access.permits(token);
        return Publishers.just(permitted ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
