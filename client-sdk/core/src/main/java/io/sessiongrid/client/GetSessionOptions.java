package io.sessiongrid.client;

/**
 * Limits which events {@code getSession} returns with the session; both limits may be combined.
 *
 * @param numRecentEvents return only the most recent {@code n} events, or {@code null} for all
 * @param afterTimestamp  return only events after this time (seconds since the epoch), or {@code null}
 */
public record GetSessionOptions(Integer numRecentEvents, Double afterTimestamp) {

    public GetSessionOptions {
        if (numRecentEvents != null && numRecentEvents < 0) {
            throw new IllegalArgumentException("numRecentEvents must be >= 0 but was " + numRecentEvents);
        }
        if (afterTimestamp != null && !Double.isFinite(afterTimestamp)) {
            throw new IllegalArgumentException("afterTimestamp must be finite but was " + afterTimestamp);
        }
    }

    /** All events. */
    public static GetSessionOptions allEvents() {
        return new GetSessionOptions(null, null);
    }

    /** Only the {@code n} most recent events. */
    public static GetSessionOptions recentEvents(int n) {
        return new GetSessionOptions(n, null);
    }

    /** Only events after {@code timestamp} (seconds since the epoch). */
    public static GetSessionOptions eventsAfter(double timestamp) {
        return new GetSessionOptions(null, timestamp);
    }

    public GetSessionOptions withNumRecentEvents(Integer n) {
        return new GetSessionOptions(n, afterTimestamp);
    }

    public GetSessionOptions withAfterTimestamp(Double timestamp) {
        return new GetSessionOptions(numRecentEvents, timestamp);
    }
}
