package io.sessiongrid.client;

/**
 * HTTP 404 {@code route-not-found}: no session with this id is pinned to a worker. The session may exist
 * unpinned, so this says nothing about whether it exists.
 *
 * <p>Deliberately not a {@link SessionNotFoundException}, for that reason: code that treats a missing
 * session as gone must not act on a missing route. {@code findRoute} returns empty instead of throwing it.
 */
public class RouteNotFoundException extends SessionGridException {

    public RouteNotFoundException(ProblemDetail problem) {
        super(problem);
    }
}
