package io.sessiongrid.node.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.web.router.RouteAttributes;

import java.util.Optional;

/**
 * The app a request addresses: the {@code {app}} variable of the route it matched, decoded exactly as
 * the controller receives it, so access checks and limits judge the same app the handler serves.
 */
public final class RouteApp {

    private RouteApp() {
    }

    /** Empty for routes without an app (health, metrics) and requests that matched no route. */
    public static Optional<String> of(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .map(match -> match.getVariableValues().get("app"))
                .map(Object::toString);
    }
}
