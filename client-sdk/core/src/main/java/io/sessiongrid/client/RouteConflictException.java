package io.sessiongrid.client;

/**
 * HTTP 409 {@code route-conflict}: another user's session in the same app already routes by this session
 * id. A proxy finds a session's worker by session id alone, so two pinned sessions of one app must not
 * share an id; nothing was changed.
 *
 * <p>Deliberately not a {@link SessionExistsException}: no session is in the way of a create here, and
 * retrying with the same ids fails the same way until the other session is unpinned or gone.
 */
public class RouteConflictException extends SessionGridException {

    public RouteConflictException(ProblemDetail problem) {
        super(problem);
    }
}
