package io.sessiongrid.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessiongrid.client.AppNotFoundException;
import io.sessiongrid.client.BadRequestException;
import io.sessiongrid.client.ForbiddenException;
import io.sessiongrid.client.PayloadTooLargeException;
import io.sessiongrid.client.PolicyViolationException;
import io.sessiongrid.client.ProblemDetail;
import io.sessiongrid.client.RateLimitedException;
import io.sessiongrid.client.RouteConflictException;
import io.sessiongrid.client.RouteNotFoundException;
import io.sessiongrid.client.ServiceUnavailableException;
import io.sessiongrid.client.SessionExistsException;
import io.sessiongrid.client.SessionGridException;
import io.sessiongrid.client.SessionNotFoundException;
import io.sessiongrid.client.UnauthorizedException;
import io.sessiongrid.client.VersionConflictException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns an error response into the matching exception. The HTTP status picks the exception family, so
 * error bodies that are not problem documents (from a proxy, say) still map sensibly; within a status,
 * a known problem type picks the more specific exception (413 {@code policy-violation} is a policy
 * limit, any other 413 a body over the node's request limit; 409 {@code route-conflict} is a clash of
 * worker routes, any other 409 an existing session).
 */
public final class ErrorResponseMapper {

    private static final URI ABOUT_BLANK = URI.create("about:blank");
    private static final String PROBLEMS = "https://sessiongrid.io/problems/";
    private static final URI SESSION_NOT_FOUND = URI.create(PROBLEMS + "session-not-found");
    private static final URI APP_NOT_FOUND = URI.create(PROBLEMS + "app-not-found");
    private static final URI ROUTE_NOT_FOUND = URI.create(PROBLEMS + "route-not-found");
    private static final URI ROUTE_CONFLICT = URI.create(PROBLEMS + "route-conflict");
    private static final URI USER_SESSION_LIMIT = URI.create(PROBLEMS + "user-session-limit");
    private static final URI POLICY_VIOLATION = URI.create(PROBLEMS + "policy-violation");
    private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail");
    private static final int MAX_DETAIL_CHARS = 200;

    private final JsonCodec json;

    public ErrorResponseMapper(JsonCodec json) {
        this.json = json;
    }

    /**
     * The exception for a call's last response: like {@link #toException(ApiResponse)}, but a 503, which
     * ends a call only once retrying did not help (or was not allowed), also tells how many attempts the
     * call made.
     */
    public SessionGridException toException(Reply reply) {
        if (reply.response().status() == 503) {
            return new ServiceUnavailableException(readProblem(reply.response()), reply.attempts());
        }
        return toException(reply.response());
    }

    public SessionGridException toException(ApiResponse response) {
        ProblemDetail problem = readProblem(response);
        return switch (response.status()) {
            case 400 -> new BadRequestException(problem);
            case 401 -> new UnauthorizedException(problem);
            case 403 -> new ForbiddenException(problem);
            case 404 -> notFound(problem);
            case 409 -> conflict(problem);
            case 412 -> new VersionConflictException(problem);
            case 413 -> POLICY_VIOLATION.equals(problem.type())
                    ? new PolicyViolationException(problem) : new PayloadTooLargeException(problem);
            case 429 -> new RateLimitedException(problem, RetryAfter.of(response, Instant.now()).orElse(null));
            case 503 -> new ServiceUnavailableException(problem);
            default -> new SessionGridException(problem);
        };
    }

    public ProblemDetail readProblem(ApiResponse response) {
        JsonNode body = parseObject(response.body());
        if (body == null) {
            return new ProblemDetail(ABOUT_BLANK, null, response.status(), bodyStart(response.body()), Map.of());
        }
        Map<String, JsonNode> extensions = new LinkedHashMap<>(JsonMaps.fieldsOf(body));
        extensions.keySet().removeAll(STANDARD_MEMBERS);
        JsonNode status = body.path("status");
        return new ProblemDetail(
                type(body.path("type")),
                body.path("title").textValue(),
                status.isIntegralNumber() && status.canConvertToInt() ? status.intValue() : response.status(),
                body.path("detail").textValue(),
                extensions);
    }

    // Only a missing session is "not found" for the caller; a missing HTTP route (an unknown path) is a
    // misconfiguration, and so is an app that a strict node does not know, but that one is worth its own
    // name. A session without a worker route is no missing session: it may well exist unpinned.
    private static SessionGridException notFound(ProblemDetail problem) {
        if (SESSION_NOT_FOUND.equals(problem.type()) || ABOUT_BLANK.equals(problem.type())) {
            return new SessionNotFoundException(problem);
        }
        if (APP_NOT_FOUND.equals(problem.type())) {
            return new AppNotFoundException(problem);
        }
        if (ROUTE_NOT_FOUND.equals(problem.type())) {
            return new RouteNotFoundException(problem);
        }
        return new SessionGridException(problem);
    }

    // Any 409 but the two typed ones is an existing session, as it was before either type existed.
    private static SessionGridException conflict(ProblemDetail problem) {
        if (USER_SESSION_LIMIT.equals(problem.type())) {
            return new PolicyViolationException(problem);
        }
        if (ROUTE_CONFLICT.equals(problem.type())) {
            return new RouteConflictException(problem);
        }
        return new SessionExistsException(problem);
    }

    private JsonNode parseObject(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = json.read(body);
            return node.isObject() ? node : null;
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    // RFC 9457: an absent type means about:blank. An unusable one is reported as null, not invented.
    private static URI type(JsonNode type) {
        if (type.isMissingNode() || type.isNull()) {
            return ABOUT_BLANK;
        }
        try {
            return type.isTextual() ? new URI(type.textValue()) : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String bodyStart(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return null;
        }
        return text.length() <= MAX_DETAIL_CHARS ? text : text.substring(0, MAX_DETAIL_CHARS) + "...";
    }
}
