package io.sessiongrid.node.http;

import io.micronaut.http.HttpRequest;

import java.util.function.Predicate;

/**
 * Which apps a request may see on a route that lists apps ({@link ListsApps}). Access control leaves the
 * caller's token's answer in {@link #ATTRIBUTE}; without access control every app is visible.
 */
public final class AppVisibility {

    public static final String ATTRIBUTE = "sessiongrid.visible-apps";

    private AppVisibility() {
    }

    @SuppressWarnings("unchecked")
    public static Predicate<String> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Predicate.class).map(p -> (Predicate<String>) p).orElse(app -> true);
    }
}
