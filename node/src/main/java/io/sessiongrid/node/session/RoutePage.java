package io.sessiongrid.node.session;

import io.sessiongrid.node.session.routing.RouteEntry;

import java.util.List;

/** One page of a worker's sessions, ordered by session id. */
public record RoutePage(List<RouteEntry> routes, String nextPageToken) {
}
