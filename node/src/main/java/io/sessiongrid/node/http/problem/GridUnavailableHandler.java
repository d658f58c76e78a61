package io.sessiongrid.node.http.problem;

import com.hazelcast.core.HazelcastException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A failed grid call: 503 when transient, else 500 ({@link ErrorProblems#grid}). */
@Produces
@Singleton
public class GridUnavailableHandler implements ExceptionHandler<HazelcastException, HttpResponse<byte[]>> {

    private final Problems problems;
    private final ErrorProblems errors;

    public GridUnavailableHandler(Problems problems, ErrorProblems errors) {
        this.problems = problems;
        this.errors = errors;
    }

    @Override
    public HttpResponse<byte[]> handle(HttpRequest request, HazelcastException error) {
        return problems.response(errors.grid(error, request.getMethodName(), request.getPath()));
    }
}
