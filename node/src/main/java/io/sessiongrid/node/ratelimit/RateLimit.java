package io.sessiongrid.node.ratelimit;

/**
 * A token bucket: {@code requestsPerSecond} refill it, up to {@code burst} requests may come at once.
 *
 * @param requestsPerSecond sustained rate; 0 = no limit
 * @param burst             bucket size; 0 = one second's worth of requests
 */
public record RateLimit(long requestsPerSecond, long burst) {

    public static final RateLimit NONE = new RateLimit(0, 0);

    public RateLimit {
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException("requests-per-second must not be negative but was " + requestsPerSecond);
        }
        if (burst < 0) {
            throw new IllegalArgumentException("burst must not be negative but was " + burst);
        }
        if (requestsPerSecond > 0 && burst == 0) {
            burst = requestsPerSecond;
        }
    }

    public boolean limited() {
        return requestsPerSecond > 0;
    }

    @Override
    public String toString() {
        return limited() ? requestsPerSecond + "/s (burst " + burst + ")" : "none";
    }
}
