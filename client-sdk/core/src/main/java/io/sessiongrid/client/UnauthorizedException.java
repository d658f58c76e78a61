package io.sessiongrid.client;

/**
 * HTTP 401: the node requires an API token and got none, or one it does not know. Set it with
 * {@link SessionGridClient.Builder#token(String)}; retrying with the same token fails the same way.
 */
public class UnauthorizedException extends SessionGridException {

    public UnauthorizedException(ProblemDetail problem) {
        super(problem);
    }
}
