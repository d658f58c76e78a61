package io.sessiongrid.node.http;

import io.micronaut.http.HttpRequest;

import java.util.function.Predicate;

/**
 * What a request may see on a route that lists apps ({@link ListsApps}): which apps, and whether the
 * members' addresses (shown, like {@code /health}'s details, only to an admin token for every app).
 * Access control leaves the caller token's answer in {@link #ATTRIBUTE}; without it everything shows.
 *
 * @param apps    the apps the caller may read
 * @param members whether the listing may name the members that hold them
 */
public record AppVisibility(Predicate<String> apps, boolean members) {

    public static final String ATTRIBUTE = "sessiongrid.visible-apps";
    private static final AppVisibility EVERYTHING = new AppVisibility(app -> true, true);

    public static AppVisibility of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, AppVisibility.class).orElse(EVERYTHING);
    }
}
