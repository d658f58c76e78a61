package io.sessiongrid.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorResponseMapperTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    private final JsonCodec json = new JsonCodec();
    private final ErrorResponseMapper mapper = new ErrorResponseMapper(json);

    @Test
    void versionMismatchProblemBecomesVersionConflictWithCurrentVersion() {
        SessionGridException exception = mapper.toException(response(412, PROBLEM_JSON,
                "{\"type\":\"https://sessiongrid.io/problems/version-mismatch\",\"title\":\"Version mismatch\","
                        + "\"status\":412,\"detail\":\"expected version 3, current version is 5\","
                        + "\"currentVersion\":5,\"instance\":\"/v1/apps/a/users/u/sessions/s/events\"}"));

        assertThat(exception).isExactlyInstanceOf(VersionConflictException.class);
        assertThat(((VersionConflictException) exception).currentVersion()).isEqualTo(5L);
        assertThat(exception.status()).isEqualTo(412);
        ProblemDetail problem = exception.problem();
        assertThat(problem.type()).isEqualTo(URI.create("https://sessiongrid.io/problems/version-mismatch"));
        assertThat(problem.title()).isEqualTo("Version mismatch");
        assertThat(problem.status()).isEqualTo(412);
        assertThat(problem.detail()).isEqualTo("expected version 3, current version is 5");
        assertThat(problem.extensions()).containsOnlyKeys("currentVersion", "instance");
        assertThat(problem.extensions().get("instance").textValue())
                .isEqualTo("/v1/apps/a/users/u/sessions/s/events");
        assertThat(exception).hasMessage("HTTP 412 Version mismatch: expected version 3, current version is 5 "
                + "[https://sessiongrid.io/problems/version-mismatch]");
    }

    @Test
    void versionConflictWithoutCurrentVersionGivesNull() {
        SessionGridException exception = mapper.toException(response(412, PROBLEM_JSON,
                "{\"type\":\"https://sessiongrid.io/problems/version-mismatch\",\"status\":412}"));

        assertThat(((VersionConflictException) exception).currentVersion()).isNull();
    }

    @Test
    void mapsEachStatusToItsExceptionType() {
        assertThat(problemException(400, "invalid-id")).isExactlyInstanceOf(BadRequestException.class);
        assertThat(problemException(401, "unauthorized")).isExactlyInstanceOf(UnauthorizedException.class);
        assertThat(problemException(403, "forbidden")).isExactlyInstanceOf(ForbiddenException.class);
        assertThat(problemException(429, "rate-limited")).isExactlyInstanceOf(RateLimitedException.class);
        assertThat(problemException(404, "session-not-found")).isExactlyInstanceOf(SessionNotFoundException.class);
        assertThat(problemException(404, "app-not-found")).isExactlyInstanceOf(AppNotFoundException.class);
        assertThat(problemException(404, "route-not-found")).isExactlyInstanceOf(RouteNotFoundException.class);
        assertThat(problemException(404, "not-found")).isExactlyInstanceOf(SessionGridException.class);
        assertThat(problemException(409, "session-exists")).isExactlyInstanceOf(SessionExistsException.class);
        assertThat(problemException(409, "user-session-limit")).isExactlyInstanceOf(PolicyViolationException.class);
        assertThat(problemException(409, "route-conflict")).isExactlyInstanceOf(RouteConflictException.class);
        assertThat(problemException(413, "payload-too-large")).isExactlyInstanceOf(PayloadTooLargeException.class);
        assertThat(problemException(413, "policy-violation")).isExactlyInstanceOf(PolicyViolationException.class);
        assertThat(problemException(503, "unavailable")).isExactlyInstanceOf(ServiceUnavailableException.class);
        assertThat(problemException(405, "method-not-allowed")).isExactlyInstanceOf(SessionGridException.class);
        assertThat(problemException(415, "unsupported-media-type")).isExactlyInstanceOf(SessionGridException.class);
        assertThat(problemException(500, "internal")).isExactlyInstanceOf(SessionGridException.class);
    }

    @Test
    void problemTypesRefineOnlyTheirOwnStatus() {
        // A type that belongs to another status does not move the exception out of its status family.
        assertThat(problemException(400, "policy-violation")).isExactlyInstanceOf(BadRequestException.class);
        assertThat(problemException(409, "policy-violation")).isExactlyInstanceOf(SessionExistsException.class);
        assertThat(problemException(413, "user-session-limit")).isExactlyInstanceOf(PayloadTooLargeException.class);
        assertThat(problemException(409, "app-not-found")).isExactlyInstanceOf(SessionExistsException.class);
        assertThat(problemException(409, "route-not-found")).isExactlyInstanceOf(SessionExistsException.class);
        assertThat(problemException(404, "route-conflict")).isExactlyInstanceOf(SessionGridException.class);
        assertThat(problemException(400, "route-conflict")).isExactlyInstanceOf(BadRequestException.class);
        assertThat(mapper.toException(response(409, "text/plain", "conflict")))
                .isExactlyInstanceOf(SessionExistsException.class);
    }

    @Test
    void policyViolationCarriesLimitMaximumAndSize() {
        SessionGridException exception = mapper.toException(response(413, PROBLEM_JSON,
                "{\"type\":\"https://sessiongrid.io/problems/policy-violation\",\"title\":\"Policy violation\","
                        + "\"status\":413,\"detail\":\"session would be 1048700 bytes, limit is 1048576\","
                        + "\"limit\":\"max-session-bytes\",\"maximum\":1048576,\"size\":1048700}"));

        PolicyViolationException violation = (PolicyViolationException) exception;
        assertThat(violation.limit()).isEqualTo("max-session-bytes").isEqualTo(PolicyViolationException.MAX_SESSION_BYTES);
        assertThat(violation.maximum()).isEqualTo(1048576L);
        assertThat(violation.size()).isEqualTo(1048700L);
        assertThat(violation.status()).isEqualTo(413);
        assertThat(violation.problem().type()).isEqualTo(URI.create("https://sessiongrid.io/problems/policy-violation"));
        assertThat(violation.problem().extensions()).containsOnlyKeys("limit", "maximum", "size");
        assertThat(violation).hasMessage("HTTP 413 Policy violation: session would be 1048700 bytes, limit is 1048576 "
                + "[https://sessiongrid.io/problems/policy-violation]");
    }

    @Test
    void eventSizeAndCountViolationsNameTheirLimit() {
        PolicyViolationException eventBytes = (PolicyViolationException) mapper.toException(response(413, PROBLEM_JSON,
                "{\"type\":\"https://sessiongrid.io/problems/policy-violation\",\"status\":413,"
                        + "\"limit\":\"max-event-bytes\",\"maximum\":65536,\"size\":70000}"));
        PolicyViolationException events = (PolicyViolationException) mapper.toException(response(413, PROBLEM_JSON,
                "{\"type\":\"https://sessiongrid.io/problems/policy-violation\",\"status\":413,"
                        + "\"limit\":\"max-events\",\"maximum\":500,\"size\":501}"));

        assertThat(eventBytes.limit()).isEqualTo(PolicyViolationException.MAX_EVENT_BYTES);
        assertThat(eventBytes.maximum()).isEqualTo(65536L);
        assertThat(eventBytes.size()).isEqualTo(70000L);
        assertThat(events.limit()).isEqualTo(PolicyViolationException.MAX_EVENTS);
        assertThat(events.maximum()).isEqualTo(500L);
        assertThat(events.size()).isEqualTo(501L);
    }

    @Test
    void userSessionLimitIsAPolicyViolationWithTheUsersCount() {
        SessionGridException exception = mapper.toException(response(409, PROBLEM_JSON,
                "{\"type\":\"https://sessiongrid.io/problems/user-session-limit\",\"title\":\"User session limit\","
                        + "\"status\":409,\"limit\":\"max-sessions-per-user\",\"maximum\":3,\"size\":3}"));

        PolicyViolationException violation = (PolicyViolationException) exception;
        assertThat(violation.limit()).isEqualTo(PolicyViolationException.MAX_SESSIONS_PER_USER);
        assertThat(violation.maximum()).isEqualTo(3L);
        assertThat(violation.size()).isEqualTo(3L);
        assertThat(violation.status()).isEqualTo(409);
        assertThat(violation.problem().type())
                .isEqualTo(URI.create("https://sessiongrid.io/problems/user-session-limit"));
    }

    @Test
    void policyViolationWithoutUsableExtensionsReportsUnknown() {
        PolicyViolationException bare = (PolicyViolationException) mapper.toException(response(413, PROBLEM_JSON,
                "{\"type\":\"https://sessiongrid.io/problems/policy-violation\",\"status\":413}"));
        PolicyViolationException odd = (PolicyViolationException) mapper.toException(response(413, PROBLEM_JSON,
                "{\"type\":\"https://sessiongrid.io/problems/policy-violation\",\"status\":413,"
                        + "\"limit\":7,\"maximum\":\"1024\",\"size\":1.5}"));

        assertThat(bare.limit()).isNull();
        assertThat(bare.maximum()).isEqualTo(-1L);
        assertThat(bare.size()).isEqualTo(-1L);
        assertThat(odd.limit()).isNull();
        assertThat(odd.maximum()).isEqualTo(-1L);
        assertThat(odd.size()).isEqualTo(-1L);
    }

    @Test
    void appNotFoundIsNotASessionNotFound() {
        SessionGridException exception = mapper.toException(response(404, PROBLEM_JSON,
                "{\"type\":\"https://sessiongrid.io/problems/app-not-found\",\"title\":\"App not found\","
                        + "\"status\":404,\"detail\":\"app 'typo' is not configured\"}"));

        assertThat(exception).isExactlyInstanceOf(AppNotFoundException.class);
        assertThat(exception).isNotInstanceOf(SessionNotFoundException.class);
        assertThat(exception.problem().detail()).isEqualTo("app 'typo' is not configured");
    }

    @Test
    void routeNotFoundIsNotASessionNotFound() {
        SessionGridException exception = mapper.toException(response(404, PROBLEM_JSON,
                "{\"type\":\"https://sessiongrid.io/problems/route-not-found\",\"title\":\"Route not found\","
                        + "\"status\":404,\"detail\":\"no session 's1' is pinned to a worker\"}"));

        assertThat(exception).isExactlyInstanceOf(RouteNotFoundException.class);
        assertThat(exception).isNotInstanceOf(SessionNotFoundException.class);
        assertThat(exception.status()).isEqualTo(404);
        assertThat(exception.problem().type()).isEqualTo(URI.create("https://sessiongrid.io/problems/route-not-found"));
        assertThat(exception).hasMessage("HTTP 404 Route not found: no session 's1' is pinned to a worker "
                + "[https://sessiongrid.io/problems/route-not-found]");
    }

    @Test
    void routeConflictIsNotASessionExists() {
        SessionGridException exception = mapper.toException(response(409, PROBLEM_JSON,
                "{\"type\":\"https://sessiongrid.io/problems/route-conflict\","
                        + "\"title\":\"Route belongs to another session\",\"status\":409,"
                        + "\"detail\":\"session id 's1' already routes to another user's session\"}"));

        assertThat(exception).isExactlyInstanceOf(RouteConflictException.class);
        assertThat(exception).isNotInstanceOf(SessionExistsException.class);
        assertThat(exception.status()).isEqualTo(409);
        assertThat(exception.problem().title()).isEqualTo("Route belongs to another session");
        assertThat(exception.problem().detail()).isEqualTo("session id 's1' already routes to another user's session");
    }

    @Test
    void invalidRequestKeepsItsLimitExtensions() {
        SessionGridException exception = mapper.toException(response(400, PROBLEM_JSON,
                "{\"type\":\"https://sessiongrid.io/problems/invalid-request\",\"status\":400,"
                        + "\"detail\":\"maxIdleSeconds must be <= 7200\",\"limit\":\"max-idle\",\"maximum\":7200}"));

        assertThat(exception).isExactlyInstanceOf(BadRequestException.class);
        assertThat(exception.problem().extensions()).containsOnlyKeys("limit", "maximum");
        assertThat(exception.problem().extensions().get("limit").textValue()).isEqualTo("max-idle");
        assertThat(exception.problem().extensions().get("maximum").longValue()).isEqualTo(7200L);
    }

    @Test
    void sessionNotFoundCarriesTheProblemFields() {
        SessionGridException exception = problemException(404, "session-not-found");

        assertThat(exception.problem()).isEqualTo(new ProblemDetail(
                URI.create("https://sessiongrid.io/problems/session-not-found"), "Title 404", 404, "Detail 404",
                Map.of()));
    }

    @Test
    void nonProblemBodiesStillMapByStatus() {
        SessionGridException notFound = mapper.toException(response(404, "text/plain", "no such route"));
        SessionGridException badGateway = mapper.toException(
                response(502, "text/html", "<html><body>Bad Gateway</body></html>"));
        SessionGridException unavailable = mapper.toException(response(503, null, ""));

        assertThat(notFound).isExactlyInstanceOf(SessionNotFoundException.class);
        assertThat(notFound.problem()).isEqualTo(
                new ProblemDetail(URI.create("about:blank"), null, 404, "no such route", Map.of()));
        assertThat(badGateway).isExactlyInstanceOf(SessionGridException.class);
        assertThat(badGateway.status()).isEqualTo(502);
        assertThat(badGateway.problem().detail()).isEqualTo("<html><body>Bad Gateway</body></html>");
        assertThat(badGateway).hasMessage("HTTP 502: <html><body>Bad Gateway</body></html> [about:blank]");
        assertThat(unavailable).isExactlyInstanceOf(ServiceUnavailableException.class);
        assertThat(unavailable.problem()).isEqualTo(
                new ProblemDetail(URI.create("about:blank"), null, 503, null, Map.of()));
    }

    @Test
    void a503ThatEndedACallSaysHowManyAttemptsItMade() {
        ApiResponse unavailable = response(503, PROBLEM_JSON, "{\"type\":\"https://sessiongrid.io/problems/unavailable\","
                + "\"title\":\"Service unavailable\",\"status\":503,\"detail\":\"partition migrating\"}");

        SessionGridException afterSix = mapper.toException(new Reply(unavailable, 6, true));
        SessionGridException afterOne = mapper.toException(Reply.of(unavailable));
        SessionGridException notFound = mapper.toException(new Reply(response(404, "text/plain", "gone"), 6, true));

        assertThat(afterSix).isExactlyInstanceOf(ServiceUnavailableException.class)
                .hasMessage("HTTP 503 Service unavailable: partition migrating "
                        + "[https://sessiongrid.io/problems/unavailable] (after 6 attempts)");
        assertThat(((ServiceUnavailableException) afterSix).attempts()).isEqualTo(6);
        assertThat(afterOne).hasMessageEndingWith("[https://sessiongrid.io/problems/unavailable] (after 1 attempt)");
        assertThat(notFound).isExactlyInstanceOf(SessionNotFoundException.class).hasMessage("HTTP 404: gone [about:blank]");
        assertThat(((ServiceUnavailableException) mapper.toException(unavailable)).attempts()).isEqualTo(1);
        assertThat(mapper.toException(unavailable)).hasMessage("HTTP 503 Service unavailable: partition migrating "
                + "[https://sessiongrid.io/problems/unavailable]");
    }

    @Test
    void jsonErrorBodiesWithoutProblemMembersDefaultToAboutBlankAndHttpStatus() {
        SessionGridException exception = mapper.toException(
                response(413, "application/json", "{\"message\":\"Request Entity Too Large\"}"));

        assertThat(exception).isExactlyInstanceOf(PayloadTooLargeException.class);
        assertThat(exception.problem().type()).isEqualTo(URI.create("about:blank"));
        assertThat(exception.problem().status()).isEqualTo(413);
        assertThat(exception.problem().title()).isNull();
        assertThat(exception.problem().extensions().get("message").textValue())
                .isEqualTo("Request Entity Too Large");
    }

    @Test
    void longNonProblemBodiesAreShortenedInTheDetail() {
        String body = "x".repeat(500);

        SessionGridException exception = mapper.toException(response(500, "text/plain", body));

        assertThat(exception.problem().detail()).isEqualTo("x".repeat(200) + "...");
    }

    @Test
    void rateLimitedCarriesTheRetryAfterInSecondsOrAsAnHttpDate() {
        RateLimitedException seconds = (RateLimitedException) mapper.toException(new ApiResponse(429,
                HttpHeaders.of(Map.of("Retry-After", List.of("7")), (n, v) -> true), new byte[0]));
        RateLimitedException none = (RateLimitedException) mapper.toException(response(429, PROBLEM_JSON, "{}"));

        assertThat(seconds.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(none.retryAfter()).isEmpty();
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        assertThat(RetryAfter.parse("Tue, 24 Nov 2026 12:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Tue, 24 Nov 2026 11:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse("-5", now)).isEmpty();
    }

    private SessionGridException problemException(int status, String type) {
        return mapper.toException(response(status, PROBLEM_JSON,
                "{\"type\":\"https://sessiongrid.io/problems/" + type + "\",\"title\":\"Title " + status
                        + "\",\"status\":" + status + ",\"detail\":\"Detail " + status + "\"}"));
    }

    private static ApiResponse response(int status, String contentType, String body) {
        Map<String, List<String>> headers = contentType == null ? Map.of() : Map.of("Content-Type", List.of(contentType));
        return new ApiResponse(status, HttpHeaders.of(headers, (name, value) -> true),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
