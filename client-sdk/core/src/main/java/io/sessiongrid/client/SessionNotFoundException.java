package io.sessiongrid.client;

/** HTTP 404: The session (or another addressed resource) does not exist. */
public class SessionNotFoundException extends SessionGridException {

    public SessionNotFoundException(ProblemDetail problem) {
        super(problem);
    }
}
