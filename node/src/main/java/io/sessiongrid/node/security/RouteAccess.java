package io.sessiongrid.node.security;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import io.sessiongrid.node.http.ListsApps;
import io.sessiongrid.node.http.PublicResource;
import io.sessiongrid.node.http.RouteApp;

import java.util.Optional;

/**
 * What a request needs to pass, decided from the route it matched alone, before anything is looked
 * up: so a refusal says nothing about whether another app's session exists.
 *
 * @param kind  which check applies
 * @param app   the app an {@link Kind#APP} route addresses, else null
 * @param scope the scope an {@link Kind#APP} or {@link Kind#ACROSS_APPS} route needs, else null
 */
record RouteAccess(Kind kind, String app, Scope scope) {

    /** The request attribute the access rule leaves its decision basis in, for the rejection handler. */
    static final String ATTRIBUTE = "sessiongrid.route-access";

    enum Kind {
        /**
         * Probes: {@code /health}, and {@code /prometheus} when it does not require admin; the node's own
         * files ({@link PublicResource}: the OpenAPI document, the console's page and scripts).
         */
        OPEN,
        /** A request that matched no route: any valid token may learn that it gets a 404. */
        AUTHENTICATED,
        /** A listing of apps ({@link ListsApps}): any valid token, which sees the apps it may read. */
        LISTING,
        /** A route of one app (every {@code /v1/apps/{app}/...} route). */
        APP,
        /** Anything else: metrics and other management endpoints, which span every app. */
        ACROSS_APPS
    }

    static RouteAccess of(HttpRequest<?> request, boolean prometheusRequiresAdmin) {
        Optional<RouteMatch<?>> match = RouteAttributes.getRouteMatch(request);
        if (match.isEmpty()) {
            return new RouteAccess(Kind.AUTHENTICATED, null, null);
        }
        String endpoint = match.get().getAnnotationMetadata().stringValue(Endpoint.class, "id")
                .or(() -> match.get().getAnnotationMetadata().stringValue(Endpoint.class))
                .orElse(null);
        if ("health".equals(endpoint) || ("prometheus".equals(endpoint) && !prometheusRequiresAdmin)
                || match.get().getAnnotationMetadata().hasAnnotation(PublicResource.class)) {
            return new RouteAccess(Kind.OPEN, null, null);
        }
        if (match.get().getAnnotationMetadata().hasAnnotation(ListsApps.class)) {
            return new RouteAccess(Kind.LISTING, null, Scope.READ);
        }
        Optional<String> app = RouteApp.of(request);
        if (app.isEmpty()) {
            return new RouteAccess(Kind.ACROSS_APPS, null, Scope.ADMIN);
        }
        Scope scope = match.get().getAnnotationMetadata().enumValue(RequiredScope.class, Scope.class)
                .orElse(request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD
                        ? Scope.READ : Scope.WRITE);
        return new RouteAccess(Kind.APP, app.get(), scope);
    }

    /** Whether {@code token} (null: no valid token) passes. */
    boolean permits(ApiToken token) {
        return switch (kind) {
            case OPEN -> true;
            case AUTHENTICATED, LISTING -> token != null;
            case APP -> token != null && token.permits(app, scope);
            case ACROSS_APPS -> token != null && token.permitsAcrossApps(scope);
        };
    }
}
