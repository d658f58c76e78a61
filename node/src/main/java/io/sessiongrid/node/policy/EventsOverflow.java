package io.sessiongrid.node.policy;

/** What an append does when the session would exceed {@code max-events} or {@code max-session-bytes}. */
public enum EventsOverflow {
    /** Refuse the append with 413; the session stays as it was. */
    REJECT,
    /** Drop the oldest events until the new one fits, and report how many went. */
    DROP_OLDEST
}
