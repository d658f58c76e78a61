package io.sessiongrid.node.policy;

/** Whether and how an app's sessions reach the durable store (PostgreSQL). */
public enum Durability {
    /** Memory only: a full-cluster stop loses the app's sessions. */
    NONE,
    /** Acknowledged from memory, stored within the app's write delay (coalesced per session). */
    WRITE_BEHIND,
    /** Acknowledged only after the store committed the change. */
    WRITE_THROUGH
}
