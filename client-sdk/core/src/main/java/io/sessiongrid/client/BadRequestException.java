package io.sessiongrid.client;

/** HTTP 400: The request was invalid: malformed JSON, an invalid id, or a value the server refused. */
public class BadRequestException extends SessionGridException {

    public BadRequestException(ProblemDetail problem) {
        super(problem);
    }
}
