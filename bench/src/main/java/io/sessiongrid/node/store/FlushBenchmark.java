package io.sessiongrid.node.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.model.StoredEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The durable tier's flush of one new event into PostgreSQL, against the number of events the session
 * already holds (in memory and in the table). The flush must cost the same at 10 and 10,000 events:
 * it writes the session row and the new event only. Real PostgreSQL ({@code -p jdbcUrl=...}); a schema
 * of its own, dropped afterwards. Lives in the store's package to drive its table writer directly.
 * <p>
 * Flushes go round-robin over enough sessions that each grows by under 10 % during the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class FlushBenchmark {

    private static final byte[] PAYLOAD = ("{\"author\":\"agent\",\"content\":{\"parts\":[{\"text\":\""
            + "x".repeat(400) + "\"}]}}").getBytes(StandardCharsets.UTF_8);

    @Param({"10", "10000"})
    int storedEvents;

    @Param("jdbc:postgresql://127.0.0.1:5432/test")
    String jdbcUrl;

    @Param("postgres")
    String jdbcUser;

    private HikariDataSource dataSource;
    private String schema;
    private SessionRows rows;
    private List<SessionKey> keys;
    private List<SessionRecord> records;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        schema = "sg_bench_flush_" + ProcessHandle.current().pid();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(jdbcUser);
        config.setSchema(schema);
        config.setMaximumPoolSize(2);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        dataSource = new HikariDataSource(config);
        StoreBeans.migrate(dataSource, schema);
        rows = new SessionRows(dataSource, new WriteTransaction(dataSource, java.time.Duration.ofSeconds(5),
                new StoreMetrics(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new, null)), SessionRows.ExpiryRule.OWN);
        // 1,000 short sessions or 20 long ones: either way each grows by well under 10 % while measured.
        int sessions = storedEvents <= 100 ? 1000 : 20;
        keys = new ArrayList<>(sessions);
        records = new ArrayList<>(sessions);
        for (int s = 0; s < sessions; s++) {
            SessionKey key = new SessionKey("flush", "user" + s, "s");
            SessionRecord record = new SessionRecord(1_764_000_000.0, Map.of("topic", "\"bench\"".getBytes(StandardCharsets.UTF_8)), 0, 0);
            for (int i = 0; i < storedEvents; i++) {
                append(record);
            }
            flush(key, record);
            keys.add(key);
            records.add(record);
        }
    }

    private static void append(SessionRecord record) {
        long v = record.version() + 1;
        record.append(new StoredEvent("e" + v, 1_764_000_000.0 + v, v, 1_764_000_000.0 + v, PAYLOAD),
                Map.of("turn", Long.toString(v).getBytes(StandardCharsets.UTF_8)), 0);
    }

    private SessionRows.Written flush(SessionKey key, SessionRecord record) throws Exception {
        SessionRows.Written w = rows.store(List.of(new SessionRows.Write(key, record))).get(0);
        record.stored(w.version(), w.dropped());
        return w;
    }

    /** Append one event in memory, then store what the table lacks: one row update and one event insert. */
    @Benchmark
    public SessionRows.Written flushOneNewEvent() throws Exception {
        int i = next++ % records.size();
        SessionRecord record = records.get(i);
        append(record);
        return flush(keys.get(i), record);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        dataSource.close();
    }
}
