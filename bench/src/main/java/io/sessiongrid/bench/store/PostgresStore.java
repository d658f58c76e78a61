package io.sessiongrid.bench.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * Sessions in PostgreSQL with the tables of ADK's DatabaseSessionService (schema {@code sg_bench}, see
 * {@code bench-postgres-schema.sql}): state as jsonb per layer, one row per event.
 * <p>
 * An append is one READ COMMITTED transaction that locks the session row, so concurrent appends to a
 * session serialise and {@code seq = version + 1} has no gaps. The three merges travel as one
 * multi-statement PreparedStatement (pgjdbc sends them in one round trip): BEGIN+lock, event insert,
 * merges, COMMIT — four round trips, the fewest that keep the brief's statement-by-statement shape.
 * A read is one statement. Expiry is a predicate (no reaper): a session is dead once
 * {@code expires_at} or {@code update_time + idle_timeout_ms} has passed; a touching read or an append
 * moves {@code update_time}. A dead row still blocks {@link #create} of the same id until deleted.
 */
public final class PostgresStore implements SessionStore {

    private static final String SCHEMA_RESOURCE = "/bench-postgres-schema.sql";
    private static final String LIVE = "(s.expires_at IS NULL OR s.expires_at > now())"
            + " AND (s.idle_timeout_ms = 0 OR s.update_time + s.idle_timeout_ms * interval '1 millisecond' > now())";
    private static final String KEY = "s.app_name = ? AND s.user_id = ? AND s.id = ?";

    private static final String CREATE = """
            INSERT INTO sg_bench.sessions
                (app_name, user_id, id, state, create_time, update_time, expires_at, idle_timeout_ms, version)
            VALUES (?, ?, ?, ?::jsonb, now(), now(),
                    CASE WHEN ?::bigint > 0 THEN now() + ?::bigint * interval '1 millisecond' END, ?, 0)
            """;

    private static final String LOCK = "SELECT s.version FROM sg_bench.sessions s WHERE " + KEY + " AND " + LIVE
            + " FOR UPDATE";

    /** author and invocation id are columns in ADK's table; take them from the JSON server-side. */
    private static final String INSERT_EVENT = """
            INSERT INTO sg_bench.events
                (app_name, user_id, session_id, seq, id, invocation_id, author, timestamp, event)
            SELECT ?, ?, ?, ?, ?, j.e ->> 'invocationId', coalesce(j.e ->> 'author', ''), ?, j.e
            FROM (SELECT ?::jsonb AS e) j
            ON CONFLICT (app_name, user_id, session_id, id) DO NOTHING
            """;

    private static final String MERGE_SESSION = "UPDATE sg_bench.sessions SET state = state || ?::jsonb,"
            + " version = version + 1, update_time = now() WHERE app_name = ? AND user_id = ? AND id = ?";
    private static final String MERGE_USER = "INSERT INTO sg_bench.user_states AS u (app_name, user_id, state,"
            + " update_time) VALUES (?, ?, ?::jsonb, now()) ON CONFLICT (app_name, user_id)"
            + " DO UPDATE SET state = u.state || EXCLUDED.state, update_time = EXCLUDED.update_time";
    private static final String MERGE_APP = "INSERT INTO sg_bench.app_states AS a (app_name, state, update_time)"
            + " VALUES (?, ?::jsonb, now()) ON CONFLICT (app_name)"
            + " DO UPDATE SET state = a.state || EXCLUDED.state, update_time = EXCLUDED.update_time";
    /** Indexed by (user delta non-empty ? 2 : 0) + (app delta non-empty ? 1 : 0): skip empty merges. */
    private static final String[] MERGES = {
            MERGE_SESSION,
            MERGE_SESSION + ";\n" + MERGE_APP,
            MERGE_SESSION + ";\n" + MERGE_USER,
            MERGE_SESSION + ";\n" + MERGE_USER + ";\n" + MERGE_APP,
    };

    /** The last N events are walked backwards on the primary key, then put back in order. */
    private static final String READ_COLUMNS = """
            SELECT s.state::text,
                   (SELECT u.state::text FROM sg_bench.user_states u
                     WHERE u.app_name = s.app_name AND u.user_id = s.user_id),
                   (SELECT a.state::text FROM sg_bench.app_states a WHERE a.app_name = s.app_name),
                   ARRAY(SELECT r.event FROM (SELECT e.seq, e.event::text AS event FROM sg_bench.events e
                          WHERE e.app_name = s.app_name AND e.user_id = s.user_id AND e.session_id = s.id
                          ORDER BY e.seq DESC LIMIT ?) r ORDER BY r.seq)
            FROM s
            """;
    private static final String SESSION_CTE = "WITH s AS (SELECT s.app_name, s.user_id, s.id, s.state,"
            + " s.idle_timeout_ms FROM sg_bench.sessions s WHERE " + KEY + " AND " + LIVE + ")\n";
    private static final String GET = SESSION_CTE + READ_COLUMNS;
    /** Only sessions with an idle timeout are written: touching one without costs Redis nothing either. */
    private static final String GET_AND_TOUCH = SESSION_CTE
            + ", t AS (UPDATE sg_bench.sessions x SET update_time = now() FROM s WHERE x.app_name = s.app_name"
            + " AND x.user_id = s.user_id AND x.id = s.id AND s.idle_timeout_ms > 0)\n" + READ_COLUMNS;

    private static final String DELETE = "DELETE FROM sg_bench.sessions WHERE app_name = ? AND user_id = ? AND id = ?";
    private static final String TRUNCATE =
            "TRUNCATE sg_bench.events, sg_bench.sessions, sg_bench.user_states, sg_bench.app_states";

    private static final JsonFactory JSON = new JsonFactory();
    private static final String UNIQUE_VIOLATION = "23505";

    private final HikariDataSource pool;

    public PostgresStore(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize);
        config.setAutoCommit(true);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setPoolName("sessiongrid-bench-postgres");
        this.pool = new HikariDataSource(config);
        try {
            createSchema();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public void reset() {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute(TRUNCATE);
        } catch (SQLException e) {
            throw failure("reset", e);
        }
    }

    @Override
    public void create(SessionRef ref, Map<String, String> state, Duration ttl, Duration maxIdle) {
        try (Connection c = pool.getConnection(); PreparedStatement st = c.prepareStatement(CREATE)) {
            bindKey(st, 1, ref);
            st.setString(4, jsonObject(state));
            st.setLong(5, ttl.toMillis());
            st.setLong(6, ttl.toMillis());
            st.setLong(7, maxIdle.toMillis());
            st.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new IllegalStateException("exists", e);
            }
            throw failure("create", e);
        }
    }

    @Override
    public void append(SessionRef ref, BenchEvent event) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                appendInTransaction(c, ref, event);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("append", e);
        }
    }

    private static void appendInTransaction(Connection c, SessionRef ref, BenchEvent event) throws SQLException {
        long version;
        try (PreparedStatement lock = c.prepareStatement(LOCK)) {
            bindKey(lock, 1, ref);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("not found");
                }
                version = rs.getLong(1);
            }
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT_EVENT)) {
            bindKey(insert, 1, ref);
            insert.setLong(4, version + 1);
            insert.setString(5, event.id());
            insert.setDouble(6, event.timestamp());
            insert.setString(7, event.json());
            if (insert.executeUpdate() == 0) {
                return; // same event id already stored: change nothing
            }
        }
        boolean user = !event.userDelta().isEmpty();
        boolean app = !event.appDelta().isEmpty();
        try (PreparedStatement merge = c.prepareStatement(MERGES[(user ? 2 : 0) + (app ? 1 : 0)])) {
            merge.setString(1, jsonObject(event.sessionDelta()));
            bindKey(merge, 2, ref);
            int i = 5;
            if (user) {
                merge.setString(i++, ref.app());
                merge.setString(i++, ref.user());
                merge.setString(i++, jsonObject(event.userDelta()));
            }
            if (app) {
                merge.setString(i++, ref.app());
                merge.setString(i, jsonObject(event.appDelta()));
            }
            merge.execute();
        }
    }

    @Override
    public SessionView get(SessionRef ref, int recentEvents, boolean touch) {
        try (Connection c = pool.getConnection();
             PreparedStatement st = c.prepareStatement(touch ? GET_AND_TOUCH : GET)) {
            bindKey(st, 1, ref);
            st.setInt(4, recentEvents);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return SessionView.ABSENT;
                }
                // jsonb keys are unique per layer and layers are re-prefixed, so the merged count is the sum.
                int stateKeys = countKeys(rs.getString(1)) + countKeys(rs.getString(2)) + countKeys(rs.getString(3));
                Array events = rs.getArray(4);
                int eventCount = ((Object[]) events.getArray()).length;
                events.free();
                return new SessionView(true, eventCount, stateKeys);
            }
        } catch (SQLException e) {
            throw failure("get", e);
        }
    }

    @Override
    public void delete(SessionRef ref) {
        // Events go by ON DELETE CASCADE; user and app state stay, as in ADK.
        try (Connection c = pool.getConnection(); PreparedStatement st = c.prepareStatement(DELETE)) {
            bindKey(st, 1, ref);
            st.executeUpdate();
        } catch (SQLException e) {
            throw failure("delete", e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Under an advisory lock: concurrent CREATE ... IF NOT EXISTS can still fail on the catalog. */
    private void createSchema() {
        String ddl;
        try (InputStream in = PostgresStore.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SCHEMA_RESOURCE);
            }
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SELECT pg_advisory_xact_lock(hashtext('sg_bench schema'))");
            st.execute(ddl);
            c.commit();
        } catch (SQLException e) {
            throw failure("schema", e);
        }
    }

    private static void bindKey(PreparedStatement st, int first, SessionRef ref) throws SQLException {
        st.setString(first, ref.app());
        st.setString(first + 1, ref.user());
        st.setString(first + 2, ref.id());
    }

    /** A JSON object from key to JSON value text; values are already JSON, only keys need quoting. */
    static String jsonObject(Map<String, String> fields) {
        if (fields.isEmpty()) {
            return "{}";
        }
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        StringBuilder b = new StringBuilder(64);
        b.append('{');
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"');
            encoder.quoteAsString(e.getKey(), b);
            b.append("\":").append(e.getValue());
        }
        return b.append('}').toString();
    }

    /** Top-level keys of a JSON object, without building it: the read must look at what it got. */
    private static int countKeys(String object) {
        if (object == null) {
            return 0;
        }
        try (JsonParser p = JSON.createParser(object)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("state is not a JSON object");
            }
            int keys = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                keys++;
                p.nextToken();
                p.skipChildren();
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RuntimeException failure(String operation, SQLException e) {
        return new RuntimeException("postgres " + operation + " failed: " + e.getMessage(), e);
    }

    /** Drops a schema a durable grid target used, so bench runs leave nothing behind. */
    public static void dropSchema(String jdbcUrl, String user, String password, String schema) {
        try (Connection c = java.sql.DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("Could not drop bench schema " + schema + ": " + e.getMessage());
        }
    }
}
