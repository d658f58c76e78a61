package io.sessiongrid.node.http.problem;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** The embedded member is shutting down: 503 so a client goes to another node. */
@Produces
@Singleton
public class MemberStoppingHandler implements ExceptionHandler<HazelcastInstanceNotActiveException, HttpResponse<byte[]>> {

    private final Problems problems;
    private final ErrorProblems errors;

    public MemberStoppingHandler(Problems problems, ErrorProblems errors) {
        this.problems = problems;
        this.errors = errors;
    }

    @Override
    public HttpResponse<byte[]> handle(HttpRequest request, HazelcastInstanceNotActiveException error) {
        return problems.response(errors.stopping());
    }
}
