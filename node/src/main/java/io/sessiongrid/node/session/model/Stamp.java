package io.sessiongrid.node.session.model;

import java.util.Comparator;

/**
 * Orders writes to a shared (app or user) state key: by the server time the write was appended
 * (never before the session's previous append, so one session's writes keep their append order),
 * then by the writing session and its version. A total order, so a retried older event never
 * overwrites a newer value, and re-applying the same event converges to the same state. Client
 * timestamps play no part: a client clock far ahead cannot freeze a shared key.
 *
 * @param at     server seconds since the epoch when the write was appended
 * @param origin the writing session, as {@link #origin(SessionKey)}
 */
public record Stamp(double at, String origin, long version) implements Comparable<Stamp> {

    private static final Comparator<Stamp> ORDER = Comparator.comparingDouble(Stamp::at)
            .thenComparing(Stamp::origin)
            .thenComparingLong(Stamp::version);

    /** User and session id: two users may both have a session "s1". */
    public static String origin(SessionKey key) {
        return key.userId() + '\u0000' + key.sessionId();
    }

    @Override
    public int compareTo(Stamp other) {
        return ORDER.compare(this, other);
    }
}
