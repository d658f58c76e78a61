package io.sessiongrid.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiongrid.client.BadRequestException;
import io.sessiongrid.client.PayloadTooLargeException;
import io.sessiongrid.client.ProblemDetail;
import io.sessiongrid.client.ServiceUnavailableException;
import io.sessiongrid.client.SessionExistsException;
import io.sessiongrid.client.SessionGridException;
import io.sessiongrid.client.SessionNotFoundException;
import io.sessiongrid.client.VersionConflictException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
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
        assertThat(problemException(404, "session-not-found")).isExactlyInstanceOf(SessionNotFoundException.class);
        assertThat(problemException(409, "session-exists")).isExactlyInstanceOf(SessionExistsException.class);
        assertThat(problemException(413, "payload-too-large")).isExactlyInstanceOf(PayloadTooLargeException.class);
        assertThat(problemException(503, "unavailable")).isExactlyInstanceOf(ServiceUnavailableException.class);
        assertThat(problemException(405, "method-not-allowed")).isExactlyInstanceOf(SessionGridException.class);
        assertThat(problemException(415, "unsupported-media-type")).isExactlyInstanceOf(SessionGridException.class);
        assertThat(problemException(500, "internal")).isExactlyInstanceOf(SessionGridException.class);
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
