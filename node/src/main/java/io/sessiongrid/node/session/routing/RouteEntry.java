package io.sessiongrid.node.session.routing;

/** One route as worker listings and lookups return it; {@code lastAccess} is 0 where not read. */
public record RouteEntry(String sessionId, String userId, String workerId, double lastAccess) {
}
