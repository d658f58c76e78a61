package io.sessiongrid.client;

/** HTTP 413: The request body exceeds the server's size limit. */
public class PayloadTooLargeException extends SessionGridException {

    public PayloadTooLargeException(ProblemDetail problem) {
        super(problem);
    }
}
