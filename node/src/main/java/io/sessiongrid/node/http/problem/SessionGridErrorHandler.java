package io.sessiongrid.node.http.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.sessiongrid.node.session.SessionGridError;
import jakarta.inject.Singleton;

/** Maps the engine's refusals to problem responses ({@link ErrorProblems#refusal}). */
@Produces
@Singleton
@Requires(classes = {SessionGridError.class, ExceptionHandler.class})
public class SessionGridErrorHandler implements ExceptionHandler<SessionGridError, HttpResponse<byte[]>> {

    private final Problems problems;
    private final ErrorProblems errors;

    public SessionGridErrorHandler(Problems problems, ErrorProblems errors) {
        this.problems = problems;
        this.errors = errors;
    }

    @Override
    public HttpResponse<byte[]> handle(HttpRequest request, SessionGridError error) {
        return problems.response(errors.refusal(error));
    }
}
