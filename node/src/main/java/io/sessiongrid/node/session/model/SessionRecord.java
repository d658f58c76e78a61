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
    /** The session's own lifetime and idle timeout in seconds, 0 = the app's; Hazelcast enforces them. */
    private final int ttlSeconds;
    private final int maxIdleSeconds;
    /** Server time of the last get, append or touch: picks the victim when a user is over their limit. */
    private double lastAccessTime;
    /** Events dropped from the head by DROP_OLDEST: event indexes (page tokens) stay absolute. */
    private long droppedEvents;
    /** Events' JSON plus own state's keys and values, kept current so limits cost nothing to check. */
    private long sizeBytes;
    /** When the backups last learned of an access (primary only, not serialized); see {@link #dueForBackupTouch}. */
    private double backupTouchedAt;
    private final LinkedHashMap<String, byte[]> state;
    private final ArrayList<StoredEvent> events;
    private final HashMap<String, StoredEvent> eventsById;
    /** True while every event's timestamp is ≥ the one before: lets reads stop early or bisect. */
    private boolean timestampsOrdered = true;
    /**
     * What the durable store holds of this record, learned from its own writes (never serialized):
     * the version and dropped-event count, -1 when unknown (a record that migrated or was promoted).
     */
    private long storedVersion = -1;
    private long storedDropped = -1;
    /** A WRITE_THROUGH append that waits for the store's commit; readers do not see it until then. */
    private Staged staged;

    /** A new session; a null value in its initial state removes nothing, so it is left out. */
    public SessionRecord(double createTime, Map<String, byte[]> initialState, int ttlSeconds, int maxIdleSeconds) {
        this(createTime, createTime, 0, withoutRemovals(initialState), List.of(),
                new Lifecycle(ttlSeconds, maxIdleSeconds, createTime, 0));
    }

    private static Map<String, byte[]> withoutRemovals(Map<String, byte[]> state) {
        LinkedHashMap<String, byte[]> kept = new LinkedHashMap<>(state);
        kept.values().removeIf(JsonNull::is);
        return kept;
    }

    /** Applies a delta: a JSON null removes its key, anything else sets it. */
    private static void applyDelta(Map<String, byte[]> target, Map<String, byte[]> delta) {
        for (Map.Entry<String, byte[]> e : delta.entrySet()) {
            if (JsonNull.is(e.getValue())) {
                target.remove(e.getKey());
            } else {
                target.put(e.getKey(), e.getValue());
            }
        }
    }

    /** Rebuilds a record from its serialized parts. */
    public SessionRecord(double createTime, double lastUpdateTime, long version,
                         Map<String, byte[]> state, List<StoredEvent> events, Lifecycle lifecycle) {
        this.createTime = createTime;
        this.lastUpdateTime = lastUpdateTime;
        this.version = version;
        this.lastAppendedAt = createTime;
        this.ttlSeconds = lifecycle.ttlSeconds();
        this.maxIdleSeconds = lifecycle.maxIdleSeconds();
        this.lastAccessTime = lifecycle.lastAccessTime();
        this.droppedEvents = lifecycle.droppedEvents();
        this.state = new LinkedHashMap<>(state);
        this.events = new ArrayList<>(Math.max(16, events.size()));
        this.eventsById = new HashMap<>(Math.max(16, events.size() * 2));
        for (StoredEvent e : events) {
            addEvent(e);
        }
        state.forEach((k, v) -> sizeBytes += utf8Length(k) + v.length);
    }

    /** Size of a state map as limits count it: UTF-8 keys plus JSON values (removals count nothing). */
    public static long stateBytes(Map<String, byte[]> state) {
        long n = 0;
        for (Map.Entry<String, byte[]> e : state.entrySet()) {
            if (!JsonNull.is(e.getValue())) {
                n += utf8Length(e.getKey()) + e.getValue().length;
            }
        }
        return n;
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    public double createTime() {
        return createTime;
    }

    /** The session's own lifetime in seconds, 0 = the app's. */
    public int ttlSeconds() {
        return ttlSeconds;
    }

    /** The session's own idle timeout in seconds, 0 = the app's. */
    public int maxIdleSeconds() {
        return maxIdleSeconds;
    }

    public synchronized long version() {
        return version;
    }

    /** The append time for the next event: the server's clock, but never before the previous append. */
    public synchronized double nextAppendTime(double now) {
        return Math.max(now, lastAppendedAt);
    }

    /** The id of the event that made {@code version}, or null when the log no longer (or never) held it. */
    public synchronized String eventIdAt(long version) {
        long index = version - droppedEvents - 1;
        if (index < 0 || index >= events.size()) {
            return null;
        }
        StoredEvent e = events.get((int) index);
        return e.version() == version ? e.id() : null;
    }

    public synchronized StoredEvent eventById(String eventId) {
        return eventsById.get(eventId);
    }

    /** Marks the session used now (get, append, touch): the user-limit eviction picks the least recently used. */
    public synchronized void touch(double now) {
        lastAccessTime = Math.max(lastAccessTime, now);
    }

    /**
     * Whether a read should tell the backups about this access. A read-only access slides the idle
     * timeout on the primary only; a promoted backup would expire the session from its stale access
     * time. Telling them every quarter of the idle timeout keeps them within it at a small cost.
     *
     * @param appMaxIdleSeconds the app's idle timeout, used when the session has none of its own
     */
    public synchronized boolean dueForBackupTouch(double now, long appMaxIdleSeconds) {
        long idle = maxIdleSeconds > 0 ? maxIdleSeconds : appMaxIdleSeconds;
        if (idle <= 0 || now - backupTouchedAt < idle / 4.0) {
            return false;
        }
        backupTouchedAt = now;
        return true;
    }

    /**
     * Equal on every replica of the same state. Hazelcast compares value hash codes when it removes
     * idle-expired entries from backups; with OBJECT format each replica is its own instance, and an
     * identity hash would make it drop random backup entries instead.
     */
    @Override
    public synchronized int hashCode() {
        return 31 * Double.hashCode(createTime) + Long.hashCode(version);
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    /**
     * Checks an append against the limits without changing anything, so a refused append leaves the
     * session exactly as it was.
     *
     * @param maxBytes   largest session in bytes, 0 = none
     * @param maxEvents  longest log, 0 = none
     * @param dropOldest trim the oldest events to fit instead of refusing
     */
    public synchronized AppendPlan plan(StoredEvent event, Map<String, byte[]> sessionDelta, long maxBytes,
                                        int maxEvents, boolean dropOldest) {
        long size = sizeBytes + event.json().length + deltaBytes(sessionDelta);
        int count = events.size() + 1;
        if (maxEvents > 0 && count > maxEvents && !dropOldest) {
            return AppendPlan.refused(AppendPlan.MAX_EVENTS, maxEvents, count);
        }
        if (maxBytes > 0 && size > maxBytes && !dropOldest) {
            return AppendPlan.refused(AppendPlan.MAX_SESSION_BYTES, maxBytes, size);
        }
        int drop = maxEvents > 0 ? Math.max(0, count - maxEvents) : 0;
        long kept = size;
        for (int i = 0; i < drop; i++) {
            kept -= events.get(i).json().length;
        }
        while (maxBytes > 0 && kept > maxBytes && drop < events.size()) {
            kept -= events.get(drop).json().length;
            drop++;
        }
        if (maxBytes > 0 && kept > maxBytes) {
            return AppendPlan.refused(AppendPlan.MAX_SESSION_BYTES, maxBytes, kept);
        }
        return AppendPlan.accepted(drop);
    }

    private long deltaBytes(Map<String, byte[]> delta) {
        long n = 0;
        for (Map.Entry<String, byte[]> e : delta.entrySet()) {
            byte[] old = state.get(e.getKey());
            if (JsonNull.is(e.getValue())) {
                n -= old == null ? 0 : utf8Length(e.getKey()) + old.length;
            } else {
                n += old == null ? utf8Length(e.getKey()) + e.getValue().length : e.getValue().length - old.length;
            }
        }
        return n;
    }

    /**
     * Appends an event whose version the caller computed, after dropping the {@code drop} oldest events
     * (as {@link #plan} decided), merges its session-scoped delta and moves the last update time to the
     * event's timestamp.
     */
    public synchronized void append(StoredEvent event, Map<String, byte[]> sessionDelta, int drop) {
        dropOldest(drop);
        sizeBytes += deltaBytes(sessionDelta);
        addEvent(event);
        applyDelta(state, sessionDelta);
        version = event.version();
        lastUpdateTime = event.timestamp();
        lastAccessTime = Math.max(lastAccessTime, event.appendedAt());
        backupTouchedAt = Math.max(backupTouchedAt, event.appendedAt());
    }

    /** The session's size after merging {@code sessionDelta} into its own state, as limits count it. */
    public synchronized long sizeAfter(Map<String, byte[]> sessionDelta) {
        return sizeBytes + deltaBytes(sessionDelta);
    }

    /**
     * Merges a state patch without an event (a web request's attribute changes): the delta applied, a
     * new version, the update and access times moved to {@code at}. The event log is untouched.
     *
     * @param newVersion the version the patch makes (the primary's current + 1; the backup replays it)
     */
    public synchronized void patch(Map<String, byte[]> sessionDelta, long newVersion, double at) {
        sizeBytes += deltaBytes(sessionDelta);
        applyDelta(state, sessionDelta);
        version = newVersion;
        lastUpdateTime = at;
        lastAccessTime = Math.max(lastAccessTime, at);
        backupTouchedAt = Math.max(backupTouchedAt, at);
    }

    /** This record with another idle timeout of its own (0 = the app's); what the store holds carries over. */
    public synchronized SessionRecord withMaxIdle(int seconds) {
        SessionRecord copy = new SessionRecord(createTime, lastUpdateTime, version, state, events,
                new Lifecycle(ttlSeconds, seconds, lastAccessTime, droppedEvents));
        copy.lastAppendedAt = lastAppendedAt;
        copy.storedVersion = storedVersion;
        copy.storedDropped = storedDropped;
        return copy;
    }

    /**
     * A separate record with the same content, for changes a write-through store may refuse: the entry
     * keeps the original until the store has the copy. What the store holds is not carried over (the copy
     * asks the table once, like a migrated record).
     */
    public synchronized SessionRecord copy() {
        SessionRecord copy = new SessionRecord(createTime, lastUpdateTime, version, state, events,
                new Lifecycle(ttlSeconds, maxIdleSeconds, lastAccessTime, droppedEvents));
        copy.lastAppendedAt = lastAppendedAt;
        copy.backupTouchedAt = backupTouchedAt;
        return copy;
    }

    private void dropOldest(int drop) {
        int n = Math.min(drop, events.size());
        if (n <= 0) {
            return;
        }
        List<StoredEvent> head = events.subList(0, n);
        for (StoredEvent e : head) {
            eventsById.remove(e.id());
            sizeBytes -= e.json().length;
        }
        head.clear();
        droppedEvents += n;
    }

    private void addEvent(StoredEvent event) {
        if (!events.isEmpty() && event.timestamp() < events.get(events.size() - 1).timestamp()) {
            timestampsOrdered = false;
        }
        events.add(event);
        eventsById.put(event.id(), event);
        sizeBytes += event.json().length;
        lastAppendedAt = Math.max(lastAppendedAt, event.appendedAt());
    }

    public synchronized SessionView view(EventWindow window) {
        return new SessionView(createTime, lastUpdateTime, version, new LinkedHashMap<>(state), select(window),
                traits());
    }

    public synchronized SessionSummary summary(String userId, String sessionId) {
        return new SessionSummary(userId, sessionId, createTime, lastUpdateTime, version, new LinkedHashMap<>(state),
                traits());
    }

    public synchronized double lastAccessTime() {
        return lastAccessTime;
    }

    public synchronized long sizeBytes() {
        return sizeBytes;
    }

    private SessionTraits traits() {
        return new SessionTraits(ttlSeconds, maxIdleSeconds, sizeBytes, lastAccessTime);
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

    /**
     * A page of the log in append order, from the absolute index {@code fromIndex} (events dropped
     * from the head keep their indexes, so a page token stays valid), skipping events before
     * {@code afterTimestamp}. The slice's next index is absolute too.
     */
    public synchronized EventSlice slice(int fromIndex, int pageSize, double afterTimestamp) {
        int i = (int) Math.max(0, Math.min(events.size(), fromIndex - droppedEvents));
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
        return new EventSlice(page, i < events.size() ? (int) (droppedEvents + i) : -1);
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

    /**
     * Holds an append back until the store commits it: with WRITE_THROUGH a failed store must leave the
     * record (and so the caller's view) unchanged, and the entry processor runs before the store.
     */
    public synchronized void stage(StoredEvent event, Map<String, byte[]> sessionDelta, int drop) {
        staged = new Staged(event, Map.copyOf(sessionDelta), drop);
    }

    /** Applies the staged append, once the store has it. */
    public synchronized void commitStaged() {
        if (staged != null) {
            Staged s = staged;
            staged = null;
            append(s.event(), s.sessionDelta(), s.drop());
        }
    }

    /**
     * After a failed store: drops the staged append and forgets what the store holds, since a COMMIT in
     * doubt may have stored it (the next flush asks the table and replaces what memory does not hold).
     */
    public synchronized void storeFailed() {
        staged = null;
        storedVersion = -1;
        storedDropped = -1;
    }

    /** The version the store holds, or -1 when this record does not know. */
    public synchronized long storedVersion() {
        return storedVersion;
    }

    /** Records what the store now holds (after a commit, or after loading from it). */
    public synchronized void stored(long version, long dropped) {
        storedVersion = Math.max(storedVersion, version);
        storedDropped = Math.max(storedDropped, dropped);
    }

    /**
     * The row and the events above {@code sinceVersion}, a staged append included, walking back from the
     * newest event so the cost follows what is new, not the log's length.
     *
     * @param sinceVersion the version the store holds, -1 for none
     */
    public synchronized SessionImage imageSince(long sinceVersion) {
        int drop = staged == null ? 0 : Math.min(staged.drop(), events.size());
        ArrayList<StoredEvent> fresh = new ArrayList<>();
        for (int i = events.size() - 1; i >= drop && events.get(i).version() > sinceVersion; i--) {
            fresh.add(events.get(i));
        }
        Collections.reverse(fresh);
        long dropped = droppedEvents + drop;
        LinkedHashMap<String, byte[]> st = new LinkedHashMap<>(state);
        double updated = lastUpdateTime;
        long v = version;
        double access = lastAccessTime;
        if (staged != null) {
            fresh.add(staged.event());
            applyDelta(st, staged.sessionDelta());
            updated = staged.event().timestamp();
            v = staged.event().version();
            access = Math.max(access, staged.event().appendedAt());
        }
        long firstKept = -1;
        if (dropped > 0 && dropped != storedDropped) {
            firstKept = drop < events.size() ? events.get(drop).version() : v;
        }
        return new SessionImage(createTime, updated, v, st, fresh, firstKept,
                new Lifecycle(ttlSeconds, maxIdleSeconds, access, dropped));
    }

    /** A consistent copy of the parts, for serialization off the partition thread. */
    public synchronized Parts parts() {
        return new Parts(createTime, lastUpdateTime, version, new LinkedHashMap<>(state), List.copyOf(events),
                new Lifecycle(ttlSeconds, maxIdleSeconds, lastAccessTime, droppedEvents));
    }

    /** The serializable content of a record. */
    public record Parts(double createTime, double lastUpdateTime, long version,
                        Map<String, byte[]> state, List<StoredEvent> events, Lifecycle lifecycle) {
    }

    private record Staged(StoredEvent event, Map<String, byte[]> sessionDelta, int drop) {
    }

    /** The lifecycle fields a record carries across serialization. */
    public record Lifecycle(int ttlSeconds, int maxIdleSeconds, double lastAccessTime, long droppedEvents) {
    }
}
