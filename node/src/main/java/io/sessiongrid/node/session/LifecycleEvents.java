package io.sessiongrid.node.session;

/** What the engine reports about sessions it refuses or removes by policy, and route and id lookups; metrics listen. */
public interface LifecycleEvents {

    /** Nobody listens: engine tests and tools. */
    LifecycleEvents NONE = new LifecycleEvents() {
        @Override
        public void violation(String app, String limit) {
        }

        @Override
        public void evicted(String app, String cause) {
        }

        @Override
        public void routeLookup(String app, boolean hit) {
        }
    };

    /** A request was refused (or trimmed) because of {@code limit}, e.g. {@code max-session-bytes}. */
    void violation(String app, String limit);

    /** A session was removed by policy; {@code cause} is a closed set such as {@code user-limit}. */
    void evicted(String app, String cause);

    /** A proxy asked for a session's route: found (hit) or not (miss). */
    void routeLookup(String app, boolean hit);

    /**
     * A call by session id alone asked the id index: {@code hit}, {@code store} (missed, found in the
     * durable store and re-indexed) or {@code miss}.
     */
    default void idLookup(String app, String result) {
    }
}
