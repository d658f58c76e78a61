package io.sessiongrid.node.http.problem;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.sessiongrid.node.memory.OutOfMemoryExit;
import jakarta.inject.Singleton;

/**
 * Gives Micronaut's own errors (no route, wrong method, body too large, unconvertible parameters,
 * unexpected failures) the same problem+json shape as ours, with no exception text for a 500.
 */
@Singleton
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<byte[]> {

    private final Problems problems;

    public ProblemErrorResponseProcessor(Problems problems) {
        this.problems = problems;
    }

    @Override
    public MutableHttpResponse<byte[]> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        // A request that ran out of heap leaves a member that cannot be trusted: it goes (see OutOfMemoryExit).
        context.getRootCause().ifPresent(OutOfMemoryExit::haltIfOutOfMemory);
        int status = response.getStatus().getCode();
        ProblemType type = ProblemType.forStatus(status);
        return problems.fill(response, type, detail(context, type));
    }

    private static String detail(ErrorContext context, ProblemType type) {
        String path = context.getRequest().getMethod() + " " + context.getRequest().getPath();
        return switch (type) {
            case NOT_FOUND -> "No resource at " + path;
            case METHOD_NOT_ALLOWED -> "Method not allowed: " + path;
            case INTERNAL -> "The node failed to handle " + path;
            default -> context.getErrors().stream().map(Error::getMessage).findFirst().orElse(type.title());
        };
    }
}
