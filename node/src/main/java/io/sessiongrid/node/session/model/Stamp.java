package io.sessiongrid.node.session.model;

import java.util.Comparator;

/**
 * Orders writes to a shared (app or user) state key: by the event's timestamp, then by the session
 * and the session version that wrote it. A total order, so a retried older event never overwrites a
 * newer value, and re-applying the same event is a no-op that converges to the same state.
 */
public record Stamp(double timestamp, String sessionId, long version) implements Comparable<Stamp> {

    private static final Comparator<Stamp> ORDER = Comparator.comparingDouble(Stamp::timestamp)
            .thenComparing(Stamp::sessionId)
            .thenComparingLong(Stamp::version);

    @Override
    public int compareTo(Stamp other) {
        return ORDER.compare(this, other);
    }
}
