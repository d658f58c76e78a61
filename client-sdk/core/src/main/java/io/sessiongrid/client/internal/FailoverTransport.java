package io.sessiongrid.client.internal;

import io.sessiongrid.client.RetryPolicy;
import io.sessiongrid.client.SessionGridTransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * Sends each request to the endpoints in turn until one answers with anything but 503, within the
 * {@link RetryPolicy}'s attempts and deadline, sleeping a jittered backoff between attempts. A 429 (over a
 * rate limit) is repeated at the same endpoint after its {@code Retry-After}, whatever the request: the
 * node did nothing with it.
 *
 * <p>What may be sent again depends on whether the request may already have reached a node. A failed
 * connect sent nothing, so every request moves on to the next endpoint. A timeout, a failure midway or a
 * 503 may come after the node applied the request (a grid operation can time out after it took effect),
 * so only requests marked {@link ApiRequest#idempotent()} are repeated; any other ends the call there.
 *
 * <p>Every failure moves the preferred endpoint, where calls start, past the endpoint that failed, so a
 * dead node costs one failed attempt rather than one per call. Moves are compare-and-set: calls that fail
 * on the same node at once move it one step, not one step each.
 */
public final class FailoverTransport implements Transport {

    private static final int UNAVAILABLE = 503;
    private static final int TOO_MANY_REQUESTS = 429;

    private final List<Endpoint> endpoints;
    private final long requestTimeoutNanos;
    private final RetryPolicy policy;
    private final Exchange exchange;
    private final RetryClock clock;
    private final DoubleSupplier random;
    private final AtomicInteger preferred = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    public FailoverTransport(List<Endpoint> endpoints, Duration requestTimeout, RetryPolicy policy,
                             Exchange exchange) {
        this(endpoints, requestTimeout, policy, exchange, RetryClock.SYSTEM,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * With the caller's clock and random numbers, so that tests see exact sleeps and no real time passes.
     *
     * @param random uniform numbers in [0, 1]; each sleep is this times the backoff ceiling
     */
    public FailoverTransport(List<Endpoint> endpoints, Duration requestTimeout, RetryPolicy policy,
                             Exchange exchange, RetryClock clock, DoubleSupplier random) {
        this.endpoints = List.copyOf(endpoints);
        this.requestTimeoutNanos = saturatedNanos(Objects.requireNonNull(requestTimeout, "requestTimeout"));
        this.policy = Objects.requireNonNull(policy, "policy");
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        if (this.endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one endpoint is required");
        }
    }

    /** The endpoint the next call starts at. */
    Endpoint preferredEndpoint() {
        return endpoints.get(preferred.get());
    }

    @Override
    public Reply send(ApiRequest request) {
        if (closed.get()) {
            throw new IllegalStateException("the Session Grid client is closed");
        }
        long start = clock.nanoTime();
        long deadline = saturatedNanos(policy.deadline());
        long left = deadline;
        int index = preferred.get();
        boolean repeated = false;
        List<IOException> failures = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            Endpoint endpoint = endpoints.get(index);
            Duration timeout = Duration.ofNanos(Math.min(requestTimeoutNanos, left));
            ApiResponse response;
            try {
                response = exchange.exchange(endpoint, request, timeout);
            } catch (IOException e) {
                failures.add(e);
                response = null;
            } catch (InterruptedException e) {
                throw interrupted(request + " to " + endpoint + " was interrupted", e);
            }
            if (response != null && response.status() == TOO_MANY_REQUESTS) {
                long wait = rateLimitWait(response, attempt, deadline - (clock.nanoTime() - start));
                if (wait >= 0) {
                    sleep(request, wait);
                    left = deadline - (clock.nanoTime() - start);
                    if (left > 0) {
                        continue;
                    }
                }
                return new Reply(response, attempt, repeated);
            }
            if (response != null && response.status() != UNAVAILABLE) {
                return new Reply(response, attempt, repeated);
            }
            preferred.compareAndSet(index, (index + 1) % endpoints.size());
            boolean reachedNode = response != null || !isConnectFailure(failures.get(failures.size() - 1));
            String stop = stopReason(request, reachedNode, attempt);
            if (stop == null) {
                long sleep = sleepBefore(attempt);
                // Never sleeps past the deadline, and never starts an attempt without time left for it.
                if (sleep < deadline - (clock.nanoTime() - start)) {
                    sleep(request, sleep);
                    left = deadline - (clock.nanoTime() - start);
                    if (left > 0) {
                        repeated |= reachedNode;
                        index = (index + 1) % endpoints.size();
                        continue;
                    }
                }
                stop = "deadline " + policy.deadline() + " reached";
            }
            if (response != null) {
                return new Reply(response, attempt, repeated);
            }
            throw gaveUp(request, endpoint, attempt, stop, failures);
        }
    }

    @Override
    public CompletableFuture<Reply> sendAsync(ApiRequest request) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the Session Grid client is closed"));
        }
        CompletableFuture<Reply> result = new CompletableFuture<>();
        new AsyncCall(request, result).attempt(1, preferred.get());
        return result;
    }

    /**
     * One asynchronous call: the same attempts, stops and waits as {@link #send}, each attempt started
     * when the previous one answered or its wait ended, so no thread is held meanwhile.
     */
    private final class AsyncCall {
        private final ApiRequest request;
        private final CompletableFuture<Reply> result;
        private final long start = clock.nanoTime();
        private final long deadline = saturatedNanos(policy.deadline());
        private final List<IOException> failures = new ArrayList<>();
        private long left = deadline;
        private boolean repeated;

        AsyncCall(ApiRequest request, CompletableFuture<Reply> result) {
            this.request = request;
            this.result = result;
        }

        void attempt(int attempt, int index) {
            Endpoint endpoint = endpoints.get(index);
            Duration timeout = Duration.ofNanos(Math.min(requestTimeoutNanos, left));
            CompletableFuture<ApiResponse> exchanged;
            try {
                exchanged = exchange.exchangeAsync(endpoint, request, timeout);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            exchanged.whenComplete((response, error) -> answered(attempt, index, endpoint, response, error));
        }

        private void answered(int attempt, int index, Endpoint endpoint, ApiResponse response, Throwable error) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause != null && !(cause instanceof IOException)) {
                result.completeExceptionally(cause instanceof InterruptedException ie
                        ? interrupted(request + " to " + endpoint + " was interrupted", ie) : cause);
                return;
            }
            if (response != null && response.status() == TOO_MANY_REQUESTS) {
                long wait = rateLimitWait(response, attempt, deadline - (clock.nanoTime() - start));
                if (wait >= 0) {
                    clock.after(Duration.ofNanos(wait)).execute(() -> {
                        left = deadline - (clock.nanoTime() - start);
                        if (left > 0) {
                            attempt(attempt + 1, index);
                        } else {
                            result.complete(new Reply(response, attempt, repeated));
                        }
                    });
                    return;
                }
                result.complete(new Reply(response, attempt, repeated));
                return;
            }
            if (response != null && response.status() != UNAVAILABLE) {
                result.complete(new Reply(response, attempt, repeated));
                return;
            }
            if (cause != null) {
                failures.add((IOException) cause);
            }
            preferred.compareAndSet(index, (index + 1) % endpoints.size());
            boolean reachedNode = response != null || !isConnectFailure(cause);
            String stop = stopReason(request, reachedNode, attempt);
            if (stop == null) {
                long sleep = sleepBefore(attempt);
                if (sleep < deadline - (clock.nanoTime() - start)) {
                    clock.after(Duration.ofNanos(sleep)).execute(() -> {
                        left = deadline - (clock.nanoTime() - start);
                        if (left > 0) {
                            repeated |= reachedNode;
                            attempt(attempt + 1, (index + 1) % endpoints.size());
                        } else {
                            finish(attempt, endpoint, response, "deadline " + policy.deadline() + " reached");
                        }
                    });
                    return;
                }
                stop = "deadline " + policy.deadline() + " reached";
            }
            finish(attempt, endpoint, response, stop);
        }

        private void finish(int attempt, Endpoint endpoint, ApiResponse response, String stop) {
            if (response != null) {
                result.complete(new Reply(response, attempt, repeated));
            } else {
                result.completeExceptionally(gaveUp(request, endpoint, attempt, stop, failures));
            }
        }
    }

    private void sleep(ApiRequest request, long nanos) {
        try {
            clock.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            throw interrupted(request + " was interrupted while waiting to retry", e);
        }
    }

    // Null while the call may go on; else why it ends with this attempt's error.
    private String stopReason(ApiRequest request, boolean reachedNode, int attempt) {
        if (reachedNode && !request.idempotent()) {
            return "not idempotent, and it may have reached the node";
        }
        if (attempt >= policy.maxAttempts()) {
            return "no attempts left";
        }
        return null;
    }

    /**
     * The wait before repeating a request that got 429, or -1 when it is not repeated (no attempts left,
     * or the wait would not end before the deadline). Nothing was done, so any request may go again, to
     * the same node: after the node's {@code Retry-After} plus up to a tenth more, so that callers refused
     * together do not all come back at once, or after the backoff without one.
     */
    private long rateLimitWait(ApiResponse response, int attempt, long nanosLeft) {
        if (attempt >= policy.maxAttempts()) {
            return -1;
        }
        long wait = RetryAfter.of(response, Instant.now())
                .map(FailoverTransport::saturatedNanos)
                // Past what is left, the call ends anyway; capping first keeps the jitter from overflowing.
                .map(nanos -> Math.min(nanos, nanosLeft))
                .map(nanos -> nanos + (long) (nanos * 0.1 * Math.min(1.0, Math.max(0.0, random.getAsDouble()))))
                .orElseGet(() -> sleepBefore(attempt));
        return wait < nanosLeft ? wait : -1;
    }

    // Full jitter: anywhere from nothing to the ceiling, so that clients that lost the same node spread out.
    private long sleepBefore(int retry) {
        double fraction = Math.min(1.0, Math.max(0.0, random.getAsDouble()));
        return (long) (saturatedNanos(policy.backoffCeiling(retry)) * fraction);
    }

    /**
     * Whether the failure happened before anything was sent. The JDK sometimes wraps the
     * ConnectException, so the whole cause chain is checked.
     */
    static boolean isConnectFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static SessionGridTransportException gaveUp(ApiRequest request, Endpoint endpoint, int attempts,
                                                        String why, List<IOException> failures) {
        IOException last = failures.get(failures.size() - 1);
        SessionGridTransportException exception = new SessionGridTransportException(
                request + " failed after " + attempts + (attempts == 1 ? " attempt (" : " attempts (") + why
                        + "); last at " + endpoint + ": " + last,
                last);
        failures.subList(0, failures.size() - 1).forEach(exception::addSuppressed);
        return exception;
    }

    private static SessionGridTransportException interrupted(String message, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new SessionGridTransportException(message, e);
    }

    // Durations past ~292 years do not fit in nanoseconds; they mean "no limit" here.
    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            exchange.close();
        }
    }
}
