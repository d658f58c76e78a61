package io.sessiongrid.node.http.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.sessiongrid.node.session.PolicyViolationError;
import io.sessiongrid.node.session.SessionGridError;
import io.sessiongrid.node.session.VersionMismatchError;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps the engine's refusals to problem responses. */
@Produces
@Singleton
@Requires(classes = {SessionGridError.class, ExceptionHandler.class})
public class SessionGridErrorHandler implements ExceptionHandler<SessionGridError, HttpResponse<byte[]>> {

    private final Problems problems;
    private final long retryAfterSeconds;

    public SessionGridErrorHandler(Problems problems, @Value("${sessiongrid.store.retry-after:5s}") Duration retryAfter) {
        this.problems = problems;
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    @Override
    public HttpResponse<byte[]> handle(HttpRequest request, SessionGridError error) {
        ProblemType type = switch (error.kind()) {
            case SESSION_NOT_FOUND -> ProblemType.SESSION_NOT_FOUND;
            case SESSION_EXISTS -> ProblemType.SESSION_EXISTS;
            case VERSION_MISMATCH -> ProblemType.VERSION_MISMATCH;
            case MALFORMED_JSON -> ProblemType.MALFORMED_JSON;
            case INVALID_REQUEST -> ProblemType.INVALID_REQUEST;
            case INVALID_ID -> ProblemType.INVALID_ID;
            case APP_NOT_FOUND -> ProblemType.APP_NOT_FOUND;
            case POLICY_VIOLATION -> ProblemType.POLICY_VIOLATION;
            case USER_SESSION_LIMIT -> ProblemType.USER_SESSION_LIMIT;
            case BUSY -> ProblemType.UNAVAILABLE;
            case ROUTE_NOT_FOUND -> ProblemType.ROUTE_NOT_FOUND;
            case ROUTE_CONFLICT -> ProblemType.ROUTE_CONFLICT;
            case STORE_UNAVAILABLE -> ProblemType.STORE_UNAVAILABLE;
            case STORE_BACKLOG -> ProblemType.STORE_BACKLOG;
            case APP_LIMIT -> ProblemType.APP_LIMIT;
            case MEMORY_PRESSURE -> ProblemType.MEMORY_PRESSURE;
        };
        Map<String, Object> extensions = Map.of();
        if (error instanceof VersionMismatchError mismatch) {
            extensions = Map.of("currentVersion", mismatch.currentVersion());
        } else if (error instanceof PolicyViolationError violation) {
            extensions = new LinkedHashMap<>();
            extensions.put("limit", violation.limit());
            extensions.put("maximum", violation.maximum());
            extensions.put("size", violation.size());
        }
        MutableHttpResponse<byte[]> response = problems.response(type, error.getMessage(), extensions);
        if (type == ProblemType.STORE_UNAVAILABLE || type == ProblemType.STORE_BACKLOG || type == ProblemType.MEMORY_PRESSURE) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        return response;
    }
}
