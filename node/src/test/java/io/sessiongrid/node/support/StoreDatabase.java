package io.sessiongrid.node.support;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A PostgreSQL schema of its own for one test class, so runs never collide: the local server by
 * default ({@code SESSIONGRID_TEST_JDBC_URL}, user {@code SESSIONGRID_TEST_JDBC_USER}), or any URL a
 * caller passes (a Testcontainers database). The schema is dropped on close.
 */
public final class StoreDatabase implements AutoCloseable {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String LOCAL_URL = env("SESSIONGRID_TEST_JDBC_URL", DEFAULT_URL);

    private final String url;
    private final String user;
    private final String password;
    private final String schema = "sg_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    public StoreDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The local server CI provides. */
    public static StoreDatabase local() {
        return new StoreDatabase(LOCAL_URL, env("SESSIONGRID_TEST_JDBC_USER", "postgres"),
                env("SESSIONGRID_TEST_JDBC_PASSWORD", ""));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public String url() {
        return url;
    }

    public String schema() {
        return schema;
    }

    /** Node properties that point its store at this schema, through {@code jdbcUrl} (a proxy's, say). */
    public Map<String, Object> nodeProperties(String jdbcUrl) {
        return Map.of("sessiongrid.store.jdbc-url", jdbcUrl,
                "sessiongrid.store.username", user,
                "sessiongrid.store.password", password,
                "sessiongrid.store.schema", schema);
    }

    public Map<String, Object> nodeProperties() {
        return nodeProperties(url);
    }

    /** A plain data source on this server; with {@code inSchema} its unqualified names resolve in this schema. */
    public DataSource dataSource(boolean inSchema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(user);
        ds.setPassword(password);
        if (inSchema) {
            ds.setCurrentSchema(schema);
        }
        return ds;
    }

    /** A connection whose unqualified names resolve in this schema. */
    public Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, password);
        c.setSchema(schema);
        return c;
    }

    /** The single number a query returns. */
    public long number(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The single text a query returns, or null for no row. */
    public String text(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + schema, e);
        }
    }
}
