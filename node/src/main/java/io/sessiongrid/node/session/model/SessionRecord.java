package io.sessiongrid.node.session.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a session, kept as a live object (in-memory format OBJECT) and mutated in place
 * by entry processors on its partition thread, so an append costs the same at 10 or 10,000 events.
 * <p>
 * Other threads read it too (queries and aggregations on query threads, serialization for migration),
 * so every access goes through the record's own monitor: uncontended on the hot path, and readers
 * always see a consistent event list, state and version.
 */
public final class SessionRecord {

    private final double createTime;
    private double lastUpdateTime;
    private long version;
    private double lastAppendedAt;
    private final LinkedHashMap<String, byte[]> state;
    private final ArrayList<StoredEvent> events;
    private final HashMap<String, StoredEvent> eventsById;
    /** True while every event's timestamp is ≥ the one before: lets reads stop early or bisect. */
    private boolean timestampsOrdered = true;

    public SessionRecord(double createTime, Map<String, byte[]> initialState) {
        this(createTime, createTime, 0, initialState, List.of());
    }

    /** Rebuilds a record from its serialized parts. */
    public SessionRecord(double createTime, double lastUpdateTime, long version,
                         Map<String, byte[]> state, List<StoredEvent> events) {
        this.createTime = createTime;
        this.lastUpdateTime = lastUpdateTime;
        this.version = version;
        this.lastAppendedAt = createTime;
        this.state = new LinkedHashMap<>(state);
        this.events = new ArrayList<>(Math.max(16, events.size()));
        this.eventsById = new HashMap<>(Math.max(16, events.size() * 2));
        for (StoredEvent e : events) {
            addEvent(e);
        }
    }

    public synchronized long version() {
        return version;
    }

    /** The append time for the next event: the server's clock, but never before the previous append. */
    public synchronized double nextAppendTime(double now) {
        return Math.max(now, lastAppendedAt);
    }

    public synchronized StoredEvent eventById(String eventId) {
        return eventsById.get(eventId);
    }

    /**
     * Appends an event whose version the caller computed, merges its session-scoped delta and moves
     * the last update time to the event's timestamp.
     */
    public synchronized void append(StoredEvent event, Map<String, byte[]> sessionDelta) {
        addEvent(event);
        state.putAll(sessionDelta);
        version = event.version();
        lastUpdateTime = event.timestamp();
    }

    private void addEvent(StoredEvent event) {
        if (!events.isEmpty() && event.timestamp() < events.get(events.size() - 1).timestamp()) {
            timestampsOrdered = false;
        }
        events.add(event);
        eventsById.put(event.id(), event);
        lastAppendedAt = Math.max(lastAppendedAt, event.appendedAt());
    }

    public synchronized SessionView view(EventWindow window) {
        return new SessionView(createTime, lastUpdateTime, version, new LinkedHashMap<>(state), select(window));
    }

    public synchronized SessionSummary summary(String userId, String sessionId) {
        return new SessionSummary(userId, sessionId, createTime, lastUpdateTime, version, new LinkedHashMap<>(state));
    }

    /** Walks back from the newest event, so a bounded read costs what it returns, not the log's length. */
    private List<byte[]> select(EventWindow window) {
        if (window.numRecentEvents() == 0) {
            return List.of();
        }
        int limit = window.hasLimit() ? window.numRecentEvents() : Integer.MAX_VALUE;
        ArrayList<byte[]> picked = new ArrayList<>(Math.min(limit, events.size()));
        for (int i = events.size() - 1; i >= 0 && picked.size() < limit; i--) {
            StoredEvent e = events.get(i);
            if (window.hasLowerBound() && e.timestamp() < window.afterTimestamp()) {
                if (timestampsOrdered) {
                    break;
                }
                continue;
            }
            picked.add(e.json());
        }
        Collections.reverse(picked);
        return picked;
    }

    /** A page of the log in append order, from {@code fromIndex}, skipping events before {@code afterTimestamp}. */
    public synchronized EventSlice slice(int fromIndex, int pageSize, double afterTimestamp) {
        int i = Math.max(0, fromIndex);
        boolean bounded = !Double.isNaN(afterTimestamp);
        if (bounded && timestampsOrdered) {
            i = Math.max(i, firstAtOrAfter(afterTimestamp));
        }
        ArrayList<byte[]> page = new ArrayList<>(Math.min(pageSize, Math.max(0, events.size() - i)));
        for (; i < events.size() && page.size() < pageSize; i++) {
            StoredEvent e = events.get(i);
            if (!bounded || e.timestamp() >= afterTimestamp) {
                page.add(e.json());
            }
        }
        return new EventSlice(page, i < events.size() ? i : -1);
    }

    private int firstAtOrAfter(double timestamp) {
        int lo = 0;
        int hi = events.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (events.get(mid).timestamp() < timestamp) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** A consistent copy of the parts, for serialization off the partition thread. */
    public synchronized Parts parts() {
        return new Parts(createTime, lastUpdateTime, version, new LinkedHashMap<>(state), List.copyOf(events));
    }

    /** The serializable content of a record. */
    public record Parts(double createTime, double lastUpdateTime, long version,
                        Map<String, byte[]> state, List<StoredEvent> events) {
    }
}
