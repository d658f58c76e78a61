package io.sessiongrid.client;

/**
 * HTTP 503: The node cannot serve the request right now (it is shutting down, or the grid had a transient
 * failure); another node or a later attempt may. The client has already retried if the call was safe to
 * repeat (see {@link RetryPolicy}), so this is the last answer it got; {@link #attempts()} says how many
 * attempts the call made.
 */
public class ServiceUnavailableException extends SessionGridException {

    private final int attempts;

    /** A 503 from a single attempt, for which the message does not mention attempts. */
    public ServiceUnavailableException(ProblemDetail problem) {
        super(problem);
        this.attempts = 1;
    }

    /**
     * A 503 that ended a call after {@code attempts} attempts; the message ends with, for example,
     * {@code (after 3 attempts)}.
     */
    public ServiceUnavailableException(ProblemDetail problem, int attempts) {
        super(problem, " (after " + requirePositive(attempts) + (attempts == 1 ? " attempt)" : " attempts)"));
        this.attempts = attempts;
    }

    /** How many attempts the call made, this one included; 1 when it was not retried. */
    public int attempts() {
        return attempts;
    }

    private static int requirePositive(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1 but was " + attempts);
        }
        return attempts;
    }
}
