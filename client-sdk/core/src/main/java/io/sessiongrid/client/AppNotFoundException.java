package io.sessiongrid.client;

/**
 * HTTP 404 {@code app-not-found}: the node accepts only configured apps, and this app is not one of them.
 *
 * <p>Deliberately not a {@link SessionNotFoundException}: the app name is a configuration mistake, not a
 * missing session, so {@code findSession} throws it instead of returning empty (creating the session
 * would fail just the same).
 */
public class AppNotFoundException extends SessionGridException {

    public AppNotFoundException(ProblemDetail problem) {
        super(problem);
    }
}
