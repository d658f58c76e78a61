package io.sessiongrid.client;

/**
 * HTTP 403: the token is valid but not for this app, or lacks the scope the call needs ({@code read} for
 * reads, {@code write} for changes, {@code admin} for policy, sweeps and worker reroutes). The node says
 * so before looking anything up, so the answer is the same whether the session exists or not.
 */
public class ForbiddenException extends SessionGridException {

    public ForbiddenException(ProblemDetail problem) {
        super(problem);
    }
}
