package io.sessiongrid.node.store;

import io.sessiongrid.node.session.model.SessionImage;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.model.StoredEvent;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The {@code sessions} and {@code events} tables. A write stores a session's row and only the events
 * above the version the table holds; every statement is guarded (row version, event seq) so a repeated
 * or late write changes nothing. A seq that holds another event than memory's is a divergence, never a
 * no-op: the write that set the row replaces it (memory is what callers were told).
 */
final class SessionRows {

    /** Hazelcast's "no expiration time" (and ours). */
    static final long NEVER = Long.MAX_VALUE;

    private static final String UPSERT = """
            INSERT INTO sessions (app, user_id, id, state, version, create_time, update_time, last_access_time,
                                  expires_at, ttl_seconds, max_idle_seconds, dropped_events)
            VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (app, user_id, id) DO UPDATE SET
                state = EXCLUDED.state, version = EXCLUDED.version, create_time = EXCLUDED.create_time,
                update_time = EXCLUDED.update_time, expires_at = EXCLUDED.expires_at,
                last_access_time = GREATEST(sessions.last_access_time, EXCLUDED.last_access_time),
                ttl_seconds = EXCLUDED.ttl_seconds, max_idle_seconds = EXCLUDED.max_idle_seconds,
                dropped_events = EXCLUDED.dropped_events
            WHERE ? OR sessions.version <= EXCLUDED.version OR sessions.create_time < EXCLUDED.create_time""";
    private static final String INSERT_EVENT = """
            INSERT INTO events (app, user_id, session_id, seq, id, timestamp, appended_at, event)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (app, user_id, session_id, seq) DO UPDATE SET
                id = EXCLUDED.id, timestamp = EXCLUDED.timestamp, appended_at = EXCLUDED.appended_at, event = EXCLUDED.event
            WHERE events.id <> EXCLUDED.id AND EXISTS (
                SELECT 1 FROM sessions s WHERE s.app = EXCLUDED.app AND s.user_id = EXCLUDED.user_id
                AND s.id = EXCLUDED.session_id AND s.xmin::text = (txid_current() % 4294967296)::text)""";
    private static final String DROP_EVENTS = "DELETE FROM events WHERE app = ? AND user_id = ? AND session_id = ? AND seq < ?";
    private static final String EVENTS_ABOVE = "DELETE FROM events WHERE app = ? AND user_id = ? AND session_id = ? AND seq > ?";
    private static final String HELD = """
            SELECT s.version, s.create_time, (SELECT e.id FROM events e WHERE e.app = s.app AND e.user_id = s.user_id
                                              AND e.session_id = s.id AND e.seq = LEAST(s.version, ?))
            FROM sessions s WHERE s.app = ? AND s.user_id = ? AND s.id = ?""";
    private static final String LOAD_ROW = """
            SELECT state::text, version, create_time, update_time, last_access_time, ttl_seconds, max_idle_seconds,
                   dropped_events
            FROM sessions WHERE app = ? AND user_id = ? AND id = ? AND (expires_at IS NULL OR expires_at > now())""";
    private static final String LOAD_EVENTS = """
            SELECT seq, id, timestamp, appended_at, event::text FROM events
            WHERE app = ? AND user_id = ? AND session_id = ? ORDER BY seq""";
    private static final String DELETE = "DELETE FROM sessions WHERE app = ? AND user_id = ? AND id = ?";

    private final DataSource dataSource;
    private final WriteTransaction transaction;
    private final ExpiryRule expiry;

    SessionRows(DataSource dataSource, WriteTransaction transaction, ExpiryRule expiry) {
        this.dataSource = dataSource;
        this.transaction = transaction;
        this.expiry = expiry;
    }

    /** One record to store. */
    record Write(SessionKey key, SessionRecord record) {
    }

    /**
     * When a stored session ends (epoch ms, {@link #NEVER} for never), from its image: the expiration
     * time Hazelcast hands the store counts a TTL from the last write, not from the create.
     */
    @FunctionalInterface
    interface ExpiryRule {
        long expiresAt(String app, SessionImage image);

        /** The session's own TTL and idle timeout only (0 = none). */
        ExpiryRule OWN = (app, image) -> expiresAt(image, image.lifecycle().ttlSeconds(), image.lifecycle().maxIdleSeconds());

        /** The earlier of create + TTL and last access + idle timeout. */
        static long expiresAt(SessionImage image, long ttlSeconds, long maxIdleSeconds) {
            long ttlEnd = ttlSeconds > 0 ? (long) ((image.createTime() + ttlSeconds) * 1000) : NEVER;
            long idleEnd = maxIdleSeconds > 0 ? (long) ((image.lifecycle().lastAccessTime() + maxIdleSeconds) * 1000) : NEVER;
            return Math.min(ttlEnd, idleEnd);
        }
    }

    /** What one write stored: the record learns it only after the commit. */
    record Written(SessionRecord record, long version, long dropped, int events) {
    }

    /**
     * Stores the records in one transaction; returns what each wrote, for the caller to mark after the
     * commit. A COMMIT whose answer was lost is resolved before this returns or throws (see
     * {@link WriteTransaction}).
     */
    List<Written> store(Collection<Write> writes) throws SQLException {
        return transaction.run(c -> storeIn(c, writes));
    }

    private List<Written> storeIn(Connection c, Collection<Write> writes) throws SQLException {
        List<Written> out = new ArrayList<>(writes.size());
        try (PreparedStatement upsert = c.prepareStatement(UPSERT);
             PreparedStatement events = c.prepareStatement(INSERT_EVENT);
             PreparedStatement drops = c.prepareStatement(DROP_EVENTS)) {
            int eventRows = 0;
            int dropRows = 0;
            for (Write w : writes) {
                Held held = held(c, w.key(), w.record());
                if (held.stale()) {
                    // A newer session under the same key is in the table: this late write is obsolete.
                    out.add(new Written(w.record(), -1, -1, 0));
                    continue;
                }
                SessionImage image = w.record().imageSince(held.version());
                bindKey(upsert, w.key());
                upsert.setString(4, JsonbText.object(image.state()));
                upsert.setLong(5, image.version());
                upsert.setDouble(6, image.createTime());
                upsert.setDouble(7, image.lastUpdateTime());
                upsert.setDouble(8, image.lifecycle().lastAccessTime());
                setExpiry(upsert, 9, expiry.expiresAt(w.key().app(), image));
                upsert.setInt(10, image.lifecycle().ttlSeconds());
                upsert.setInt(11, image.lifecycle().maxIdleSeconds());
                upsert.setLong(12, image.lifecycle().droppedEvents());
                upsert.setBoolean(13, held.overwrite());
                upsert.addBatch();
                for (StoredEvent e : image.newEvents()) {
                    bindKey(events, w.key());
                    events.setLong(4, e.version());
                    events.setString(5, e.id());
                    events.setDouble(6, e.timestamp());
                    events.setDouble(7, e.appendedAt());
                    events.setString(8, JsonbText.text(e.json()));
                    events.addBatch();
                    eventRows++;
                }
                if (image.firstKeptSeq() >= 0) {
                    bindKey(drops, w.key());
                    drops.setLong(4, image.firstKeptSeq());
                    drops.addBatch();
                    dropRows++;
                }
                out.add(new Written(w.record(), image.version(), image.lifecycle().droppedEvents(), image.newEvents().size()));
            }
            // Rows first (events reference them), then drops (a dropped event's id may come back with a
            // new event), then the new events.
            upsert.executeBatch();
            if (dropRows > 0) {
                drops.executeBatch();
            }
            if (eventRows > 0) {
                events.executeBatch();
            }
        }
        return out;
    }

    /**
     * What the table holds of this record's session.
     *
     * @param version   the version above which the record's events are missing from the table
     * @param overwrite the record's image replaces the row whatever its version
     * @param stale     the table holds a newer session under this key: write nothing
     */
    private record Held(long version, boolean overwrite, boolean stale) {
    }

    /**
     * A record that knows what it stored trusts that. One that does not (it migrated, was promoted from
     * a backup, or is new) asks the table. Memory is what callers were told, so it wins: a row left by
     * an earlier session under the same key loses its events; events the table holds above the record's
     * version (an owner that stored them died before its backup learned of them, so no caller was told)
     * are removed and the row overwritten.
     */
    private static Held held(Connection c, SessionKey key, SessionRecord record) throws SQLException {
        long known = record.storedVersion();
        if (known >= 0) {
            return new Held(known, false, false);
        }
        long memoryVersion = record.version();
        long tableVersion;
        double tableCreate;
        String tableEventAtCommon;
        try (PreparedStatement held = c.prepareStatement(HELD)) {
            held.setLong(1, memoryVersion);
            held.setString(2, key.app());
            held.setString(3, key.userId());
            held.setString(4, key.sessionId());
            try (ResultSet rs = held.executeQuery()) {
                if (!rs.next()) {
                    return new Held(-1, false, false);
                }
                tableVersion = rs.getLong(1);
                tableCreate = rs.getDouble(2);
                tableEventAtCommon = rs.getString(3);
            }
        }
        if (tableCreate > record.createTime()) {
            return new Held(-1, false, true);
        }
        long since = tableCreate == record.createTime() ? Math.min(tableVersion, memoryVersion) : -1;
        // The newest version both hold made by different events: the logs diverged (a COMMIT in doubt
        // stored an append memory dropped, say); store memory's whole log.
        String memoryEvent = since > 0 ? record.eventIdAt(since) : null;
        if (tableEventAtCommon != null && memoryEvent != null && !memoryEvent.equals(tableEventAtCommon)) {
            since = -1;
        }
        if (tableCreate != record.createTime() || tableVersion > memoryVersion || since < 0) {
            try (PreparedStatement above = c.prepareStatement(EVENTS_ABOVE)) {
                bindKey(above, key);
                above.setLong(4, since);
                above.executeUpdate();
            }
            return new Held(since, true, false);
        }
        return new Held(since, false, false);
    }

    /** The stored session, or null when absent or expired. */
    SessionRecord load(SessionKey key) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            try {
                return loadIn(c, key);
            } finally {
                c.commit();
            }
        }
    }

    private static SessionRecord loadIn(Connection c, SessionKey key) throws SQLException {
        String state;
        long version;
        double createTime;
        double updateTime;
        SessionRecord.Lifecycle lifecycle;
        try (PreparedStatement row = c.prepareStatement(LOAD_ROW)) {
            bindKey(row, key);
            try (ResultSet rs = row.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                state = rs.getString(1);
                version = rs.getLong(2);
                createTime = rs.getDouble(3);
                updateTime = rs.getDouble(4);
                lifecycle = new SessionRecord.Lifecycle(rs.getInt(6), rs.getInt(7), rs.getDouble(5), rs.getLong(8));
            }
        }
        List<StoredEvent> events = new ArrayList<>();
        try (PreparedStatement ev = c.prepareStatement(LOAD_EVENTS)) {
            ev.setFetchSize(1000);
            bindKey(ev, key);
            try (ResultSet rs = ev.executeQuery()) {
                while (rs.next()) {
                    events.add(new StoredEvent(rs.getString(2), rs.getDouble(3), rs.getLong(1), rs.getDouble(4),
                            JsonbText.compact(rs.getString(5))));
                }
            }
        }
        SessionRecord record = new SessionRecord(createTime, updateTime, version, JsonbText.members(state), events, lifecycle);
        record.stored(version, lifecycle.droppedEvents());
        return record;
    }

    /**
     * Loads many sessions of one app in two queries (rows, then their events in order), as Hazelcast's
     * initial load asks for them in chunks. Absent and expired sessions are missing from the result.
     */
    Map<SessionKey, SessionRecord> loadAll(String app, Collection<SessionKey> keys) throws SQLException {
        Map<SessionKey, SessionRecord> out = new java.util.HashMap<>(keys.size() * 2);
        if (keys.isEmpty()) {
            return out;
        }
        String[] users = keys.stream().map(SessionKey::userId).toArray(String[]::new);
        String[] ids = keys.stream().map(SessionKey::sessionId).toArray(String[]::new);
        String wanted = " JOIN unnest(?::text[], ?::text[]) AS k(user_id, id) USING (user_id, id) WHERE s.app = ?";
        Map<SessionKey, Object[]> rowsByKey = new java.util.HashMap<>(keys.size() * 2);
        Map<SessionKey, List<StoredEvent>> eventsByKey = new java.util.HashMap<>(keys.size() * 2);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT s.user_id, s.id, s.state::text, s.version, s.create_time,"
                    + " s.update_time, s.last_access_time, s.ttl_seconds, s.max_idle_seconds, s.dropped_events FROM sessions s"
                    + wanted + " AND (s.expires_at IS NULL OR s.expires_at > now())")) {
                ps.setArray(1, c.createArrayOf("text", users));
                ps.setArray(2, c.createArrayOf("text", ids));
                ps.setString(3, app);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rowsByKey.put(new SessionKey(app, rs.getString(1), rs.getString(2)), new Object[]{rs.getString(3),
                                rs.getLong(4), rs.getDouble(5), rs.getDouble(6), new SessionRecord.Lifecycle(rs.getInt(8),
                                rs.getInt(9), rs.getDouble(7), rs.getLong(10))});
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT e.user_id, e.session_id, e.seq, e.id, e.timestamp,"
                    + " e.appended_at, e.event::text FROM events e JOIN unnest(?::text[], ?::text[]) AS k(user_id, id)"
                    + " ON e.user_id = k.user_id AND e.session_id = k.id WHERE e.app = ? ORDER BY e.user_id, e.session_id, e.seq")) {
                ps.setFetchSize(5000);
                ps.setArray(1, c.createArrayOf("text", users));
                ps.setArray(2, c.createArrayOf("text", ids));
                ps.setString(3, app);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        eventsByKey.computeIfAbsent(new SessionKey(app, rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                                .add(new StoredEvent(rs.getString(4), rs.getDouble(5), rs.getLong(3), rs.getDouble(6),
                                        JsonbText.compact(rs.getString(7))));
                    }
                }
            }
            c.commit();
        }
        rowsByKey.forEach((key, row) -> {
            SessionRecord.Lifecycle lifecycle = (SessionRecord.Lifecycle) row[4];
            SessionRecord record = new SessionRecord((double) row[2], (double) row[3], (long) row[1],
                    JsonbText.members((String) row[0]), eventsByKey.getOrDefault(key, List.of()), lifecycle);
            record.stored((long) row[1], lifecycle.droppedEvents());
            out.put(key, record);
        });
        return out;
    }

    void delete(Collection<SessionKey> keys) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement del = c.prepareStatement(DELETE)) {
            for (SessionKey key : keys) {
                bindKey(del, key);
                del.addBatch();
            }
            del.executeBatch();
        }
    }

    /** Keys of an app's sessions last used before {@code cutoff} (epoch seconds). */
    List<SessionKey> keysIdleSince(String app, double cutoff) throws SQLException {
        return keys("SELECT user_id, id FROM sessions WHERE app = ? AND last_access_time < ?", app,
                ps -> ps.setDouble(2, cutoff));
    }

    /** Deletes sessions still unused since {@code cutoff}; returns how many went. */
    int deleteIdle(Collection<SessionKey> keys, double cutoff) throws SQLException {
        int n = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(DELETE + " AND last_access_time < ?")) {
            for (SessionKey key : keys) {
                bindKey(ps, key);
                ps.setDouble(4, cutoff);
                ps.addBatch();
            }
            for (int count : ps.executeBatch()) {
                n += Math.max(0, count);
            }
        }
        return n;
    }

    /** Deletes a user's sessions created before a time (epoch seconds); returns the deleted sessions' ids. */
    List<String> deleteUser(String app, String userId, double createdBefore) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE app = ? AND user_id = ? AND create_time < ?"
                     + " RETURNING id")) {
            ps.setString(1, app);
            ps.setString(2, userId);
            ps.setDouble(3, createdBefore);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** Keys of an app's unexpired sessions last used at or after {@code since} (epoch seconds). */
    List<SessionKey> keysUsedSince(String app, double since) throws SQLException {
        return keys("SELECT user_id, id FROM sessions WHERE app = ? AND last_access_time >= ?"
                + " AND (expires_at IS NULL OR expires_at > now())", app, ps -> ps.setDouble(2, since));
    }

    /** Keys of a user's unexpired sessions. */
    List<SessionKey> keysOfUser(String app, String userId) throws SQLException {
        return keys("SELECT user_id, id FROM sessions WHERE app = ? AND user_id = ?"
                + " AND (expires_at IS NULL OR expires_at > now())", app, ps -> ps.setString(2, userId));
    }

    /** At most two keys: whether an id names one session of the app or several (of different users). */
    List<SessionKey> keysWithId(String app, String sessionId) throws SQLException {
        return keys("SELECT user_id, id FROM sessions WHERE app = ? AND id = ?"
                + " AND (expires_at IS NULL OR expires_at > now()) LIMIT 2", app, ps -> ps.setString(2, sessionId));
    }

    /** Apps with stored sessions: after a full restart nothing else names them. */
    List<String> apps() throws SQLException {
        List<String> apps = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT DISTINCT app FROM sessions UNION SELECT app FROM user_states"
                     + " UNION SELECT app FROM app_states");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                apps.add(rs.getString(1));
            }
        }
        return apps;
    }

    /** A stored session whose expiry is near or past. */
    record Expiring(SessionKey key, long expiresAt) {
    }

    /** Sessions whose {@code expires_at} is before {@code horizon} (epoch ms), oldest first, after a cursor. */
    List<Expiring> expiring(long horizon, Expiring after, int limit) throws SQLException {
        String sql = "SELECT app, user_id, id, expires_at FROM sessions WHERE expires_at < ?"
                + (after == null ? "" : " AND (expires_at, app, user_id, id) > (?, ?, ?, ?)")
                + " ORDER BY expires_at, app, user_id, id LIMIT ?";
        List<Expiring> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setTimestamp(i++, new Timestamp(horizon));
            if (after != null) {
                ps.setTimestamp(i++, new Timestamp(after.expiresAt()));
                ps.setString(i++, after.key().app());
                ps.setString(i++, after.key().userId());
                ps.setString(i++, after.key().sessionId());
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Expiring(new SessionKey(rs.getString(1), rs.getString(2), rs.getString(3)),
                            rs.getTimestamp(4).getTime()));
                }
            }
        }
        return out;
    }

    /** Moves expiry dates forward to what memory says of sessions still in use. */
    void extend(Map<SessionKey, Long> expirations) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE sessions SET expires_at = ? WHERE app = ? AND user_id = ? AND id = ?"
                     + " AND (expires_at IS NOT NULL AND expires_at < ?)")) {
            for (Map.Entry<SessionKey, Long> e : expirations.entrySet()) {
                setExpiry(ps, 1, e.getValue());
                ps.setString(2, e.getKey().app());
                ps.setString(3, e.getKey().userId());
                ps.setString(4, e.getKey().sessionId());
                ps.setTimestamp(5, new Timestamp(e.getValue() == NEVER ? Long.MAX_VALUE / 2 : e.getValue()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Deletes sessions (events cascade) whose expiry has passed; a row extended meanwhile stays. */
    int deleteExpired(Collection<SessionKey> keys) throws SQLException {
        int n = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(DELETE + " AND expires_at < now()")) {
            for (SessionKey key : keys) {
                bindKey(ps, key);
                ps.addBatch();
            }
            for (int count : ps.executeBatch()) {
                n += Math.max(0, count);
            }
        }
        return n;
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<SessionKey> keys(String sql, String app, Binder more) throws SQLException {
        List<SessionKey> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            ps.setFetchSize(5000);
            ps.setString(1, app);
            more.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new SessionKey(app, rs.getString(1), rs.getString(2)));
                }
            }
            c.commit();
        }
        return keys;
    }

    static void bindKey(PreparedStatement ps, SessionKey key) throws SQLException {
        ps.setString(1, key.app());
        ps.setString(2, key.userId());
        ps.setString(3, key.sessionId());
    }

    static void setExpiry(PreparedStatement ps, int index, long expirationTime) throws SQLException {
        if (expirationTime == NEVER || expirationTime <= 0) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(index, new Timestamp(expirationTime));
        }
    }
}
