package io.sessiongrid.client.internal;

import static io.sessiongrid.client.internal.ApiRequest.IDEMPOTENT;
import static io.sessiongrid.client.internal.ApiRequest.NOT_IDEMPOTENT;
import static io.sessiongrid.client.internal.ScriptedExchange.A;
import static io.sessiongrid.client.internal.ScriptedExchange.B;
import static io.sessiongrid.client.internal.ScriptedExchange.C;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessiongrid.client.RetryPolicy;
import io.sessiongrid.client.SessionGridTransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** The retry decisions, against scripted attempts and a fake clock: exact sleeps, no real time. */
class FailoverTransportTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final ApiRequest GET = ApiRequest.get(ApiPaths.appState("a"), IDEMPOTENT);
    private static final ApiRequest SWEEP = ApiRequest.postJson(ApiPaths.idleSessionSweep("a"),
            "{\"maxIdleSeconds\":60}".getBytes(StandardCharsets.UTF_8), NOT_IDEMPOTENT);

    private final FakeClock clock = new FakeClock();
    private final ScriptedExchange exchange = new ScriptedExchange(clock);

    @Test
    void getFailsOverToTheNextEndpointAfterA503() {
        exchange.unavailable().answer(200, "{}");

        Reply reply = transport(List.of(A, B), RetryPolicy.defaults()).send(GET);

        assertThat(reply.response().status()).isEqualTo(200);
        assertThat(reply.attempts()).isEqualTo(2);
        assertThat(reply.repeated()).isTrue();
        assertThat(exchange.sent()).containsExactly(
                "http://a:8080 GET /v1/apps/a/state", "http://b:8080 GET /v1/apps/a/state");
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(50));
    }

    @Test
    void connectFailureFailsOverAndDoesNotCountAsReachingANode() {
        exchange.refuseConnection().answer(200, "{}");

        Reply reply = transport(List.of(A, B), RetryPolicy.defaults()).send(GET);

        assertThat(reply.attempts()).isEqualTo(2);
        assertThat(reply.repeated()).isFalse();
        assertThat(exchange.sent()).containsExactly(
                "http://a:8080 GET /v1/apps/a/state", "http://b:8080 GET /v1/apps/a/state");
    }

    @Test
    void timedOutGetIsRetriedOnTheNextEndpoint() {
        exchange.timeOut().answer(200, "{}");

        Reply reply = transport(List.of(A, B), RetryPolicy.defaults()).send(GET);

        assertThat(reply.attempts()).isEqualTo(2);
        assertThat(reply.repeated()).isTrue();
        assertThat(exchange.sent()).containsExactly(
                "http://a:8080 GET /v1/apps/a/state", "http://b:8080 GET /v1/apps/a/state");
        assertThat(exchange.timeouts()).containsExactly(REQUEST_TIMEOUT, REQUEST_TIMEOUT);
    }

    @Test
    void failureMidwayIsRetriedLikeATimeout() {
        exchange.fail(new IOException("Connection reset")).answer(200, "{}");

        Reply reply = transport(List.of(A, B), RetryPolicy.defaults()).send(GET);

        assertThat(reply.attempts()).isEqualTo(2);
        assertThat(reply.repeated()).isTrue();
    }

    @Test
    void nonIdempotentPostIsNotRetriedAfterA503() {
        exchange.unavailable();
        FailoverTransport transport = transport(List.of(A, B), RetryPolicy.defaults());

        Reply reply = transport.send(SWEEP);

        assertThat(reply.response().status()).isEqualTo(503);
        assertThat(reply.attempts()).isEqualTo(1);
        assertThat(reply.repeated()).isFalse();
        assertThat(exchange.sent()).containsExactly("http://a:8080 POST /v1/apps/a/sessions:sweep-idle");
        assertThat(clock.sleeps()).isEmpty();
        // The node is shutting down all the same: later calls start at the next one.
        assertThat(transport.preferredEndpoint()).isEqualTo(B);
    }

    @Test
    void nonIdempotentPostIsNotRetriedAfterATimeout() {
        exchange.timeOut();

        assertThatThrownBy(() -> transport(List.of(A, B), RetryPolicy.defaults()).send(SWEEP))
                .isInstanceOf(SessionGridTransportException.class)
                .hasMessage("POST /v1/apps/a/sessions:sweep-idle failed after 1 attempt (not idempotent, and it may "
                        + "have reached the node); last at http://a:8080: java.net.http.HttpTimeoutException: "
                        + "request timed out")
                .hasCauseExactlyInstanceOf(HttpTimeoutException.class);
        assertThat(exchange.sent()).containsExactly("http://a:8080 POST /v1/apps/a/sessions:sweep-idle");
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void nonIdempotentPostFailsOverAfterAConnectFailureBecauseNothingWasSent() {
        exchange.refuseConnection().fail(new HttpConnectTimeoutException("HTTP connect timed out"))
                .answer(200, "{\"deleted\":3}");

        Reply reply = transport(List.of(A, B, C), RetryPolicy.defaults()).send(SWEEP);

        assertThat(reply.response().status()).isEqualTo(200);
        assertThat(reply.attempts()).isEqualTo(3);
        assertThat(reply.repeated()).isFalse();
        assertThat(exchange.sent()).containsExactly("http://a:8080 POST /v1/apps/a/sessions:sweep-idle",
                "http://b:8080 POST /v1/apps/a/sessions:sweep-idle", "http://c:8080 POST /v1/apps/a/sessions:sweep-idle");
    }

    @Test
    void otherErrorStatusesAreAnswersAndEndTheCallAtOnce() {
        exchange.answer(404, "{}");

        Reply reply = transport(List.of(A, B), RetryPolicy.defaults()).send(GET);

        assertThat(reply.response().status()).isEqualTo(404);
        assertThat(reply.attempts()).isEqualTo(1);
        assertThat(exchange.sent()).hasSize(1);
    }

    @Test
    void backoffDoublesFromTheInitialSleepUpToTheMaximum() {
        for (int i = 0; i < 10; i++) {
            exchange.unavailable();
        }

        Reply reply = transport(List.of(A), RetryPolicy.defaults().withMaxAttempts(10)).send(GET);

        assertThat(reply.response().status()).isEqualTo(503);
        assertThat(reply.attempts()).isEqualTo(10);
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100),
                Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1600),
                Duration.ofMillis(2000), Duration.ofMillis(2000), Duration.ofMillis(2000));
    }

    @Test
    void fullJitterSleepsTheRandomFractionOfEachCeiling() {
        for (int i = 0; i < 4; i++) {
            exchange.unavailable();
        }
        FailoverTransport transport = new FailoverTransport(List.of(A), REQUEST_TIMEOUT,
                RetryPolicy.defaults().withMaxAttempts(4), exchange, clock, randoms(0.5, 0.25, 0.0));

        transport.send(GET);

        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(25), Duration.ofMillis(25), Duration.ZERO);
    }

    @Test
    void deadlineStopsRetriesBeforeASleepWouldPassItAndCutsEachAttemptsTimeout() {
        for (int i = 0; i < 5; i++) {
            exchange.unavailable();
        }
        RetryPolicy policy = RetryPolicy.defaults().withMaxAttempts(100).withDeadline(Duration.ofSeconds(1));

        Reply reply = transport(List.of(A, B), policy).send(GET);

        // 50 + 100 + 200 + 400 ms slept; the next 800 ms would end past the deadline, 250 ms away.
        assertThat(reply.response().status()).isEqualTo(503);
        assertThat(reply.attempts()).isEqualTo(5);
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100),
                Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(exchange.timeouts()).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(950),
                Duration.ofMillis(850), Duration.ofMillis(650), Duration.ofMillis(250));
    }

    @Test
    void deadlineEndsTimedOutAttemptsWithTheAttemptCountInTheMessage() {
        exchange.timeOut().timeOut().timeOut();
        FailoverTransport transport = new FailoverTransport(List.of(A, B, C), Duration.ofMillis(400),
                RetryPolicy.defaults().withDeadline(Duration.ofSeconds(1)), exchange, clock, () -> 1.0);

        // 400 ms timed out, 50 slept, 400 timed out, 100 slept, the last 50 ms timed out: no time left.
        assertThatThrownBy(() -> transport.send(GET))
                .isInstanceOf(SessionGridTransportException.class)
                .hasMessage("GET /v1/apps/a/state failed after 3 attempts (deadline PT1S reached); "
                        + "last at http://c:8080: java.net.http.HttpTimeoutException: request timed out")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2));
        assertThat(exchange.timeouts())
                .containsExactly(Duration.ofMillis(400), Duration.ofMillis(400), Duration.ofMillis(50));
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void attemptsRunRoundTheEndpointsAndEveryFailureIsKept() {
        exchange.refuseConnection().refuseConnection().refuseConnection();

        assertThatThrownBy(() -> transport(List.of(A, B), RetryPolicy.defaults().withMaxAttempts(3)).send(GET))
                .isInstanceOf(SessionGridTransportException.class)
                .hasMessage("GET /v1/apps/a/state failed after 3 attempts (no attempts left); "
                        + "last at http://a:8080: java.net.ConnectException: Connection refused")
                .hasCauseExactlyInstanceOf(ConnectException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2)
                        .allSatisfy(s -> assertThat(s).isExactlyInstanceOf(ConnectException.class)));
        assertThat(exchange.sent()).containsExactly("http://a:8080 GET /v1/apps/a/state",
                "http://b:8080 GET /v1/apps/a/state", "http://a:8080 GET /v1/apps/a/state");
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void noRetryPolicyMakesExactlyOneAttemptEvenAfterAConnectFailure() {
        exchange.refuseConnection();

        assertThatThrownBy(() -> transport(List.of(A, B), RetryPolicy.none()).send(GET))
                .isInstanceOf(SessionGridTransportException.class)
                .hasMessage("GET /v1/apps/a/state failed after 1 attempt (no attempts left); "
                        + "last at http://a:8080: java.net.ConnectException: Connection refused");
        assertThat(exchange.sent()).containsExactly("http://a:8080 GET /v1/apps/a/state");
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void preferredEndpointMovesPastAFailedOneSoLaterCallsStartThere() {
        exchange.refuseConnection().answer(200, "{}")
                .answer(200, "{}")
                .unavailable().answer(200, "{}")
                .answer(200, "{}");
        FailoverTransport transport = transport(List.of(A, B, C), RetryPolicy.defaults());

        transport.send(GET);
        assertThat(transport.preferredEndpoint()).isEqualTo(B);
        transport.send(GET);
        transport.send(GET);
        assertThat(transport.preferredEndpoint()).isEqualTo(C);
        transport.send(GET);

        assertThat(exchange.attempts()).extracting(ScriptedExchange.Attempt::endpoint)
                .containsExactly(A, B, B, B, C, C);
    }

    @Test
    void preferredEndpointWrapsAroundAfterTheLast() {
        exchange.unavailable().answer(200, "{}")
                .unavailable().answer(200, "{}")
                .answer(200, "{}");
        FailoverTransport transport = transport(List.of(A, B), RetryPolicy.defaults());

        transport.send(GET);
        transport.send(GET);
        transport.send(GET);

        assertThat(exchange.attempts()).extracting(ScriptedExchange.Attempt::endpoint)
                .containsExactly(A, B, B, A, A);
        assertThat(transport.preferredEndpoint()).isEqualTo(A);
    }

    @Test
    void interruptedAttemptEndsTheCallAndKeepsTheInterruptFlag() {
        exchange.interrupt();

        try {
            assertThatThrownBy(() -> transport(List.of(A, B), RetryPolicy.defaults()).send(GET))
                    .isInstanceOf(SessionGridTransportException.class)
                    .hasMessage("GET /v1/apps/a/state to http://a:8080 was interrupted")
                    .hasCauseExactlyInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(exchange.sent()).hasSize(1);
    }

    @Test
    void refusesCallsAfterCloseAndClosesTheExchangeOnce() {
        FailoverTransport transport = transport(List.of(A), RetryPolicy.defaults());

        transport.close();
        transport.close();

        assertThat(exchange.closes()).isEqualTo(1);
        assertThatThrownBy(() -> transport.send(GET))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the Session Grid client is closed");
        assertThat(exchange.sent()).isEmpty();
    }

    @Test
    void connectFailuresAreRecognizedThroughWrappersAndTimeoutsAreNot() {
        assertThat(FailoverTransport.isConnectFailure(new ConnectException())).isTrue();
        assertThat(FailoverTransport.isConnectFailure(new IOException(new ConnectException()))).isTrue();
        assertThat(FailoverTransport.isConnectFailure(new HttpConnectTimeoutException("connect"))).isTrue();
        assertThat(FailoverTransport.isConnectFailure(new HttpTimeoutException("request"))).isFalse();
        assertThat(FailoverTransport.isConnectFailure(new IOException("Connection reset"))).isFalse();
    }

    @Test
    void needsAnEndpoint() {
        assertThatThrownBy(() -> transport(List.of(), RetryPolicy.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at least one endpoint is required");
    }

    // Random always 1.0: every sleep is its full ceiling, so the schedule is exact.
    // The asynchronous send makes the same attempts, waits and stops as the blocking one.

    @Test
    void asyncGetFailsOverAfterA503AndWaitsTheSameBackoff() {
        exchange.unavailable().answer(200, "{}");

        Reply reply = transport(List.of(A, B), RetryPolicy.defaults()).sendAsync(GET).join();

        assertThat(reply.response().status()).isEqualTo(200);
        assertThat(reply.attempts()).isEqualTo(2);
        assertThat(reply.repeated()).isTrue();
        assertThat(exchange.sent()).containsExactly(
                "http://a:8080 GET /v1/apps/a/state", "http://b:8080 GET /v1/apps/a/state");
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(50));
    }

    @Test
    void asyncNonIdempotentPostIsNotRetriedAfterA503() {
        exchange.unavailable();
        FailoverTransport transport = transport(List.of(A, B), RetryPolicy.defaults());

        Reply reply = transport.sendAsync(SWEEP).join();

        assertThat(reply.response().status()).isEqualTo(503);
        assertThat(reply.attempts()).isEqualTo(1);
        assertThat(clock.sleeps()).isEmpty();
        assertThat(transport.preferredEndpoint()).isEqualTo(B);
    }

    @Test
    void asyncCallThatRunsOutOfAttemptsFailsWithEveryFailureKept() {
        exchange.refuseConnection().refuseConnection().refuseConnection();

        assertThatThrownBy(() -> transport(List.of(A, B), RetryPolicy.defaults().withMaxAttempts(3)).sendAsync(GET).join())
                .isInstanceOf(java.util.concurrent.CompletionException.class)
                .cause()
                .isInstanceOf(SessionGridTransportException.class)
                .hasMessage("GET /v1/apps/a/state failed after 3 attempts (no attempts left); "
                        + "last at http://a:8080: java.net.ConnectException: Connection refused")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2));
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void asyncDeadlineEndsTimedOutAttemptsLikeTheBlockingCall() {
        exchange.timeOut().timeOut().timeOut();
        FailoverTransport transport = new FailoverTransport(List.of(A, B, C), Duration.ofMillis(400),
                RetryPolicy.defaults().withDeadline(Duration.ofSeconds(1)), exchange, clock, () -> 1.0);

        assertThatThrownBy(() -> transport.sendAsync(GET).join())
                .cause()
                .isInstanceOf(SessionGridTransportException.class)
                .hasMessage("GET /v1/apps/a/state failed after 3 attempts (deadline PT1S reached); "
                        + "last at http://c:8080: java.net.http.HttpTimeoutException: request timed out");
        assertThat(exchange.timeouts())
                .containsExactly(Duration.ofMillis(400), Duration.ofMillis(400), Duration.ofMillis(50));
    }

    private static final String RATE_LIMITED_JSON = "{\"type\":\"https://sessiongrid.io/problems/rate-limited\","
            + "\"title\":\"Too many requests\",\"status\":429}";

    @Test
    void rateLimitedRequestWaitsRetryAfterAndGoesAgainToTheSameNodeEvenWhenNotIdempotent() {
        exchange.answer(429, Map.of("Retry-After", "2"), RATE_LIMITED_JSON).answer(200, "{\"deleted\":1}");
        FailoverTransport transport = transport(List.of(A, B), RetryPolicy.defaults());

        Reply reply = transport.send(SWEEP);

        assertThat(reply.response().status()).isEqualTo(200);
        assertThat(reply.attempts()).isEqualTo(2);
        assertThat(reply.repeated()).isFalse();
        assertThat(exchange.sent()).containsExactly("http://a:8080 POST /v1/apps/a/sessions:sweep-idle",
                "http://a:8080 POST /v1/apps/a/sessions:sweep-idle");
        // Retry-After plus the largest jitter (a tenth), as the random source gives 1.0.
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(2200));
        assertThat(transport.preferredEndpoint()).isEqualTo(A);
    }

    @Test
    void rateLimitedRequestWhoseWaitPassesTheDeadlineEndsWithThe429AtOnce() {
        exchange.answer(429, Map.of("Retry-After", "30"), RATE_LIMITED_JSON);

        Reply reply = transport(List.of(A, B), RetryPolicy.defaults().withDeadline(Duration.ofSeconds(10))).send(GET);

        assertThat(reply.response().status()).isEqualTo(429);
        assertThat(reply.attempts()).isEqualTo(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void aHugeRetryAfterEndsTheCallInsteadOfOverflowingTheWait() {
        exchange.answer(429, Map.of("Retry-After", "9999999999999999"), RATE_LIMITED_JSON)
                .answer(429, Map.of("Retry-After", "9999999999999999"), RATE_LIMITED_JSON);

        Reply blocking = transport(List.of(A), RetryPolicy.defaults()).send(GET);
        Reply async = transport(List.of(A), RetryPolicy.defaults()).sendAsync(GET).join();

        assertThat(blocking.response().status()).isEqualTo(429);
        assertThat(async.response().status()).isEqualTo(429);
        assertThat(blocking.attempts()).isEqualTo(1);
        assertThat(async.attempts()).isEqualTo(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void rateLimitedWithoutRetryAfterWaitsTheBackoffAndStopsWhenAttemptsRunOut() {
        exchange.answer(429, RATE_LIMITED_JSON).answer(429, RATE_LIMITED_JSON);

        Reply reply = transport(List.of(A, B), RetryPolicy.defaults().withMaxAttempts(2)).send(GET);

        assertThat(reply.response().status()).isEqualTo(429);
        assertThat(reply.attempts()).isEqualTo(2);
        assertThat(exchange.sent()).containsExactly("http://a:8080 GET /v1/apps/a/state", "http://a:8080 GET /v1/apps/a/state");
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(50));
    }

    @Test
    void asyncRateLimitedRequestWaitsRetryAfterLikeTheBlockingCall() {
        exchange.answer(429, Map.of("Retry-After", "1"), RATE_LIMITED_JSON).answer(200, "{}");

        Reply reply = transport(List.of(A, B), RetryPolicy.defaults()).sendAsync(SWEEP).join();

        assertThat(reply.response().status()).isEqualTo(200);
        assertThat(reply.attempts()).isEqualTo(2);
        assertThat(exchange.sent()).containsExactly("http://a:8080 POST /v1/apps/a/sessions:sweep-idle",
                "http://a:8080 POST /v1/apps/a/sessions:sweep-idle");
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(1100));
    }

    private FailoverTransport transport(List<Endpoint> endpoints, RetryPolicy policy) {
        return new FailoverTransport(endpoints, REQUEST_TIMEOUT, policy, exchange, clock, () -> 1.0);
    }

    private static DoubleSupplier randoms(double... values) {
        ArrayDeque<Double> queue = new ArrayDeque<>();
        for (double value : values) {
            queue.add(value);
        }
        return queue::removeFirst;
    }
}
