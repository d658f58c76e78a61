package io.sessiongrid.client;

/** HTTP 503: The node cannot serve the request right now; another node or a later attempt may. */
public class ServiceUnavailableException extends SessionGridException {

    public ServiceUnavailableException(ProblemDetail problem) {
        super(problem);
    }
}
