package io.sessiongrid.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessiongrid.client.Route;
import io.sessiongrid.client.RoutePage;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads routes and route pages from the server's JSON. Leniently, like sessions: only the route lookup
 * sends {@code lastAccess}, so where it is absent it reads as 0, and a {@code null} worker is an unpinned
 * session.
 */
public final class RouteJsonMapper {

    public Route read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("route must be a JSON object");
        }
        return new Route(
                node.path("sessionId").textValue(),
                node.path("userId").textValue(),
                node.path("workerId").textValue(),
                node.path("lastAccess").asDouble());
    }

    /** Reads {@code {"sessions": [...], "nextPageToken": ...}}, the routes of one worker. */
    public RoutePage readPage(JsonNode node) {
        List<Route> routes = new ArrayList<>();
        for (JsonNode element : node.path("sessions")) {
            routes.add(read(element));
        }
        return new RoutePage(routes, node.path("nextPageToken").textValue());
    }
}
