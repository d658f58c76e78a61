package io.sessiongrid.node.session.model;

/**
 * Whether an append fits the app's limits and, if it fits, how many of the oldest events go first.
 *
 * @param limit   the limit that refuses it ({@link #MAX_EVENTS} or {@link #MAX_SESSION_BYTES}), null when accepted
 * @param maximum that limit's value
 * @param size    what the session would have reached
 * @param drop    oldest events to drop before appending (DROP_OLDEST)
 */
public record AppendPlan(String limit, long maximum, long size, int drop) {

    public static final String MAX_EVENTS = "max-events";
    public static final String MAX_SESSION_BYTES = "max-session-bytes";

    static AppendPlan accepted(int drop) {
        return new AppendPlan(null, 0, 0, drop);
    }

    static AppendPlan refused(String limit, long maximum, long size) {
        return new AppendPlan(limit, maximum, size, 0);
    }

    public boolean accepted() {
        return limit == null;
    }
}
