package io.sessiongrid.node.session.routing;

/**
 * Key of the routing map: what a proxy knows, the app and the session id. Not partition-aware on
 * purpose: routes spread over all partitions, independent of the users' partitions.
 */
public record RouteKey(String app, String sessionId) {

    public RouteKey {
        if (app == null || sessionId == null) {
            throw new IllegalArgumentException("app and sessionId are required");
        }
    }
}
