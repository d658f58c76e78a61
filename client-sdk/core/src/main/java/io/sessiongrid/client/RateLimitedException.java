package io.sessiongrid.client;

import java.time.Duration;
import java.util.Optional;

/**
 * HTTP 429: the app or the token is over its rate limit on the node; nothing was done. The client
 * waits {@code Retry-After} and tries again while the call's {@link RetryPolicy} allows, so this means
 * the wait did not fit in the deadline or the attempts ran out.
 */
public class RateLimitedException extends SessionGridException {

    private final Duration retryAfter;

    public RateLimitedException(ProblemDetail problem, Duration retryAfter) {
        super(problem);
        this.retryAfter = retryAfter;
    }

    /** How long the node asked callers to wait before the next request, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
