package io.sessiongrid.bench.store;

import java.time.Duration;
import java.util.Map;

/**
 * The logical work every compared store does, with the same atomicity: an append stores the event
 * and merges its three state deltas in one atomic step; a read returns the session's state merged
 * with its user's and app's state, and its last events. Implementations are thread-safe and block.
 */
public interface SessionStore extends AutoCloseable {

    /** Short name for reports: grid, redis, postgres. */
    String name();

    /** Removes every session, event and state the benchmark may have left. */
    void reset();

    /**
     * Creates a session with plain-key state (name to JSON value text). {@code ttl} ZERO = no absolute
     * lifetime; {@code maxIdle} ZERO = no idle timeout.
     */
    void create(SessionRef ref, Map<String, String> state, Duration ttl, Duration maxIdle);

    /** Appends the event and merges its deltas, atomically; appending the same event id twice changes nothing. */
    void append(SessionRef ref, BenchEvent event);

    /** Reads the merged state and the last {@code recentEvents} events; {@code touch} also restarts the idle timeout. */
    SessionView get(SessionRef ref, int recentEvents, boolean touch);

    void delete(SessionRef ref);

    @Override
    void close();
}
