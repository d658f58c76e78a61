package io.sessiongrid.node.session.model;

/**
 * Which events a session read returns: events with {@code timestamp >= afterTimestamp} (when set),
 * and of those only the last {@code numRecentEvents} (when set).
 *
 * @param numRecentEvents negative for no limit
 * @param afterTimestamp  NaN for no lower bound; inclusive
 */
public record EventWindow(int numRecentEvents, double afterTimestamp) {

    public static final EventWindow ALL = new EventWindow(-1, Double.NaN);

    public boolean hasLimit() {
        return numRecentEvents >= 0;
    }

    public boolean hasLowerBound() {
        return !Double.isNaN(afterTimestamp);
    }
}
