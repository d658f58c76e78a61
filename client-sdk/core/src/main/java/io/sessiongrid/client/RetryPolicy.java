package io.sessiongrid.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard a call tries before it gives up: on an unreachable node, a timeout or HTTP 503 the client
 * sends the call to the next endpoint, waiting a random time between attempts so that clients that all
 * lost the same node do not come back in step. Which calls are sent again once they may have reached a
 * node is decided per call (see the package documentation), never by this policy.
 *
 * <p>Before retry {@code n} (1 for the first) the client sleeps a uniformly random time between zero and
 * {@link #backoffCeiling(int) backoffCeiling(n)} = min({@code maxBackoff}, {@code initialBackoff} &times;
 * 2<sup>n-1</sup>) ("full jitter"). It never sleeps past the deadline: when the next sleep would reach it,
 * the call ends with the last error.
 *
 * @param maxAttempts    the most attempts one call makes, the first included; at least 1
 * @param initialBackoff the ceiling of the first sleep; zero or more
 * @param maxBackoff     the highest ceiling of any sleep; at least {@code initialBackoff}
 * @param deadline       how long one call may take, all attempts and sleeps together; every attempt's
 *                       request timeout is cut to what is left of it; positive
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration deadline) {

    /** Attempts per call by default: enough to get past one or two dead nodes and a partition migration. */
    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(50);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(2);
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1 but was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff must not be null");
        Objects.requireNonNull(maxBackoff, "maxBackoff must not be null");
        Objects.requireNonNull(deadline, "deadline must not be null");
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must not be negative but was " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff must be >= initialBackoff (" + initialBackoff + ") but was " + maxBackoff);
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive but was " + deadline);
        }
    }

    /** 6 attempts, sleeps from 50 ms up to 2 s, 30 s per call. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_DEADLINE);
    }

    /**
     * Exactly one attempt per call, not even on another endpoint after a failed connect: for callers that
     * retry by themselves. The default deadline still bounds that attempt.
     */
    public static RetryPolicy none() {
        return defaults().withMaxAttempts(1);
    }

    public RetryPolicy withMaxAttempts(int maxAttempts) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, deadline);
    }

    public RetryPolicy withBackoff(Duration initialBackoff, Duration maxBackoff) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, deadline);
    }

    public RetryPolicy withDeadline(Duration deadline) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, deadline);
    }

    /**
     * The longest sleep before retry {@code retry}: {@code initialBackoff} doubled for every retry after
     * the first, capped at {@code maxBackoff} (by default 50 ms, 100 ms, 200 ms, … 1.6 s, 2 s, 2 s).
     *
     * @param retry 1 for the first retry (the second attempt)
     */
    public Duration backoffCeiling(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be >= 1 but was " + retry);
        }
        Duration ceiling = initialBackoff;
        // Stops doubling at the cap (or at zero), so large retry numbers neither loop long nor overflow.
        Duration half = maxBackoff.dividedBy(2);
        for (int i = 1; i < retry && !ceiling.isZero() && ceiling.compareTo(maxBackoff) < 0; i++) {
            ceiling = ceiling.compareTo(half) <= 0 ? ceiling.multipliedBy(2) : maxBackoff;
        }
        return ceiling;
    }
}
