package io.sessiongrid.client;

/** HTTP 409: A session with the requested id already exists. */
public class SessionExistsException extends SessionGridException {

    public SessionExistsException(ProblemDetail problem) {
        super(problem);
    }
}
