package io.sessiongrid.node.policy;

/** What a create does when the user already holds {@code max-sessions-per-user} sessions. */
public enum UserLimitAction {
    /** Refuse the create with 409. */
    REJECT,
    /** Delete the user's least recently used session, then create. */
    EVICT_OLDEST
}
