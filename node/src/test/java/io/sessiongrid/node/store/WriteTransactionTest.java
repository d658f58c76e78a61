package io.sessiongrid.node.store;

import io.sessiongrid.node.support.RequiresPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sessiongrid.node.support.StoreDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * COMMITs whose answer is lost, made real: a deferred trigger makes a COMMIT take longer than the
 * driver's socket timeout (1 s), and may fail it at the end. The transaction must say what PostgreSQL
 * did, not guess; only a database it cannot ask leaves the outcome in doubt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresPostgres
class WriteTransactionTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private StoreDatabase db;
    private PGSimpleDataSource dataSource;

    @BeforeAll
    void schema() {
        db = StoreDatabase.local();
        db.execute("CREATE SCHEMA " + db.schema());
        db.execute("CREATE TABLE rows (id text PRIMARY KEY)");
        // Fires at COMMIT: 'slow…' rows take 2 s, 'slower…' 5 s; '…-fail' rows then abort the COMMIT.
        db.execute("""
                CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.id LIKE 'slower%' THEN PERFORM pg_sleep(5);
                  ELSIF NEW.id LIKE 'slow%' THEN PERFORM pg_sleep(2); END IF;
                  IF NEW.id LIKE '%-fail' THEN RAISE EXCEPTION 'refused at commit'; END IF;
                  RETURN NULL;
                END $$""");
        db.execute("CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON rows DEFERRABLE INITIALLY DEFERRED"
                + " FOR EACH ROW EXECUTE FUNCTION slow_commit()");
        dataSource = (PGSimpleDataSource) db.dataSource(true);
        dataSource.setSocketTimeout(1);
    }

    @AfterAll
    void drop() {
        db.close();
    }

    private WriteTransaction transaction(Duration resolveTimeout) {
        return new WriteTransaction(dataSource, resolveTimeout, new StoreMetrics(() -> registry, null));
    }

    private static WriteTransaction.Work<String> insert(String id) {
        return c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rows VALUES (?)")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            return id;
        };
    }

    private long stored(String id) {
        return db.number("SELECT count(*) FROM rows WHERE id = '" + id + "'");
    }

    private double lost(String outcome) {
        var counter = registry.find("sessiongrid.store.lost-commits").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aCommitWhoseAnswerIsLostButThatCommittedIsASuccess() throws Exception {
        double before = lost("committed");

        assertThat(transaction(Duration.ofSeconds(10)).run(insert("slow-ok"))).isEqualTo("slow-ok");

        assertThat(stored("slow-ok")).isEqualTo(1);
        assertThat(lost("committed")).isEqualTo(before + 1);
    }

    @Test
    void aCommitWhoseAnswerIsLostAndThatAbortedIsACertainFailure() {
        double before = lost("aborted");

        assertThatThrownBy(() -> transaction(Duration.ofSeconds(10)).run(insert("slow-fail")))
                .isInstanceOf(SQLException.class)
                .isNotInstanceOf(WriteTransaction.InDoubtException.class);

        assertThat(stored("slow-fail")).isZero();
        assertThat(lost("aborted")).isEqualTo(before + 1);
    }

    @Test
    void aCommitStillRunningAtTheResolveTimeoutIsEndedAndIsACertainFailure() throws Exception {
        double before = lost("aborted");

        assertThatThrownBy(() -> transaction(Duration.ofMillis(500)).run(insert("slower-ended")))
                .isInstanceOf(SQLException.class)
                .isNotInstanceOf(WriteTransaction.InDoubtException.class);

        assertThat(lost("aborted")).isEqualTo(before + 1);
        Thread.sleep(6_000); // past the trigger's 5 s: it never commits
        assertThat(stored("slower-ended")).isZero();
    }

    @Test
    void aCommitWhoseDatabaseCannotBeAskedIsInDoubt() {
        double before = lost("unknown");
        // The transaction's own connection works; every later one (the questions) fails.
        AtomicInteger connections = new AtomicInteger();
        DataSource firstOnly = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && connections.incrementAndGet() > 1) {
                        throw new SQLException("connection refused", "08001");
                    }
                    try {
                        return method.invoke(dataSource, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        WriteTransaction unreachable = new WriteTransaction(firstOnly, Duration.ofMillis(300), new StoreMetrics(() -> registry, null));

        assertThatThrownBy(() -> unreachable.run(insert("slow-doubt")))
                .isInstanceOf(WriteTransaction.InDoubtException.class)
                .hasMessageContaining("whether it committed is unknown");

        assertThat(lost("unknown")).isEqualTo(before + 1);
        // And it did commit, later: exactly why the caller must not assume it did not.
        await().atMost(Duration.ofSeconds(10)).until(() -> stored("slow-doubt") == 1);
    }

    @Test
    void aCommitRefusedByTheServerIsNotAskedAbout() {
        double before = lost("committed") + lost("aborted") + lost("unknown");

        assertThatThrownBy(() -> transaction(Duration.ofSeconds(10)).run(insert("fast-fail")))
                .isInstanceOf(SQLException.class).hasMessageContaining("refused at commit");

        assertThat(lost("committed") + lost("aborted") + lost("unknown")).isEqualTo(before);
    }

    @Test
    void aFailureBeforeTheCommitIsCertainAndStoresNothing() {
        assertThatThrownBy(() -> transaction(Duration.ofSeconds(10)).run(c -> {
            insert("before-commit").run(c);
            throw new SQLException("the work failed");
        })).isInstanceOf(SQLException.class).hasMessage("the work failed");

        assertThat(stored("before-commit")).isZero();
    }

    @Test
    void aPlainCommitCostsNoResolution() throws Exception {
        double before = lost("committed") + lost("aborted") + lost("unknown");

        assertThat(transaction(Duration.ofSeconds(10)).run(insert("plain"))).isEqualTo("plain");

        assertThat(stored("plain")).isEqualTo(1);
        assertThat(lost("committed") + lost("aborted") + lost("unknown")).isEqualTo(before);
    }
}
