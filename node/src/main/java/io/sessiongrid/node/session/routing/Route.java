package io.sessiongrid.node.session.routing;

/**
 * Where a session is pinned: its owner (so the route leads back to the session key) and its worker.
 * The routing map's HASH index on {@code workerId} serves every worker query. A null worker is an
 * id-index entry only: the session is found by its id but pinned nowhere.
 */
public record Route(String userId, String workerId) {

    public static final String WORKER_ATTRIBUTE = "workerId";
}
