package io.sessiongrid.node.http;

import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of answer carries exactly one {@code Date} in IMF-fixdate: Micronaut's routes, the hot
 * routes, problems, unknown paths, a refused request head, the console.
 */
class DateHeaderTest {

    /** IMF-fixdate as RFC 9110 writes it: two-digit day, English names, GMT. */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.single();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void everyAnswerIsDatedOnceInImfFixdate() throws Exception {
        String session = "/v1/apps/dated/users/u/sessions";
        List<HttpRequest> requests = List.of(
                json("POST", session, "{\"sessionId\":\"s\"}"),                 // hot create, 201
                json("POST", session + "/s/events", "{\"author\":\"user\"}"),    // hot append
                request("GET", session + "/s"),                                  // hot get
                json("PATCH", session + "/s/state", "{\"k\":1}"),                // Micronaut route
                request("GET", session + "/missing"),                            // problem, 404
                request("GET", "/v1/apps"),                                      // Micronaut route
                request("GET", "/no/such/path"),                                 // Micronaut's own 404
                HttpRequest.newBuilder(uri(session + "/s")).header("X-Big", "x".repeat(20_000)).build(), // 431 below Micronaut
                request("GET", "/console/"),
                request("GET", "/health"));

        for (HttpRequest request : requests) {
            Instant before = Instant.now().minusSeconds(1);
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Instant after = Instant.now().plusSeconds(1);

            List<String> dates = response.headers().allValues("Date");
            assertThat(dates).as("Date of %s %s (%d)", request.method(), request.uri().getPath(), response.statusCode())
                    .hasSize(1);
            String date = dates.get(0);
            assertThat(date).as("Date of %s %s", request.method(), request.uri().getPath())
                    .matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
            Instant stamped = ZonedDateTime.parse(date, IMF_FIXDATE).toInstant();
            assertThat(stamped).isBetween(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), after);
        }
    }

    private static HttpRequest request(String method, String path) {
        return HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build();
    }

    private static HttpRequest json(String method, String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build();
    }

    private static URI uri(String path) {
        return URI.create(node.url() + path);
    }
}
