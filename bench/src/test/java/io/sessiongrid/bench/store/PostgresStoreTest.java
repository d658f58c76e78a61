package io.sessiongrid.bench.store;

import io.sessiongrid.node.support.RequiresService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real PostgreSQL: jdbc:postgresql://127.0.0.1:5432/test as postgres, or SESSIONGRID_BENCH_JDBC_URL. */
@RequiresService(name = "PostgreSQL", env = "SESSIONGRID_BENCH_JDBC_URL", address = "jdbc:postgresql://127.0.0.1:5432/test")
class PostgresStoreTest extends SessionStoreContract {

    private static final String URL =
            System.getenv().getOrDefault("SESSIONGRID_BENCH_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = "postgres";
    private static final String PASSWORD = "";

    private static PostgresStore store;

    @BeforeAll
    static void open() {
        store = new PostgresStore(URL, USER, PASSWORD, 4);
    }

    /** Removes only this class's rows (events cascade); the reset test is the one that truncates. */
    @AfterAll
    static void close() throws SQLException {
        store.close();
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement st = c.createStatement()) {
            for (String table : new String[] {"sessions", "user_states", "app_states"}) {
                st.executeUpdate("DELETE FROM sg_bench." + table + " WHERE app_name LIKE '" + TEST_APP_PREFIX + "%'");
            }
        }
    }

    @Override
    protected SessionStore store() {
        return store;
    }

    @Test
    void resetEmptiesTheTables() throws SQLException {
        SessionRef ref = newRef();
        store.create(ref, Map.of("a", "1"), Duration.ZERO, Duration.ZERO);
        store.append(ref, event("e1", Map.of(), Map.of("u", "1"), Map.of("a", "1")));

        store.reset();

        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement st = c.createStatement()) {
            for (String table : new String[] {"sessions", "events", "user_states", "app_states"}) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sg_bench." + table)) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(table).isZero();
                }
            }
        }
        assertThat(store.get(ref, 10, false)).isEqualTo(SessionView.ABSENT);
    }

    @Test
    void idleSessionIsDeadAfterItsTimeoutUnlessTouched() throws InterruptedException {
        SessionRef idle = newRef();
        SessionRef touched = newRef();
        store.create(idle, Map.of(), Duration.ZERO, Duration.ofSeconds(1));
        store.create(touched, Map.of(), Duration.ZERO, Duration.ofSeconds(1));

        for (int i = 0; i < 4; i++) {
            Thread.sleep(400);
            assertThat(store.get(touched, 10, true).found()).isTrue();
        }

        assertThat(store.get(idle, 10, false)).isEqualTo(SessionView.ABSENT);
        assertThatThrownBy(() -> store.append(idle, plainEvent())).isInstanceOf(IllegalStateException.class);
        assertThat(store.get(touched, 10, false).found()).isTrue();
    }
}
