package io.sessiongrid.node.policy;

/** Which sessions a member drops when an app reaches its per-member cap. */
public enum Eviction {
    /** Least recently used (get, append and touch count as use). */
    LRU,
    /** Least frequently used. */
    LFU,
    /** Never evict; only valid without a cap. */
    NONE
}
