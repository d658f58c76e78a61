package io.sessiongrid.node.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.sessiongrid.node.config.StartupProblem;
import io.sessiongrid.node.metrics.AppTags;
import io.sessiongrid.node.metrics.LazyRegistry;
import io.sessiongrid.node.policy.AppPolicies;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The durable tier's beans, present only with {@code sessiongrid.store.jdbc-url}. The pool is
 * HikariCP; the schema is migrated by Flyway before anything uses the pool. Flyway holds a PostgreSQL
 * advisory lock while it migrates, so members starting together migrate one after the other.
 */
@Factory
@Requires(property = "sessiongrid.store.jdbc-url", pattern = "jdbc:postgresql:.+")
public class StoreBeans {

    private static final Logger LOG = LoggerFactory.getLogger(StoreBeans.class);
    static final String MIGRATIONS = "classpath:db/store";

    @Singleton
    @Named("store")
    @Bean(preDestroy = "close")
    public HikariDataSource storeDataSource(StoreSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sessiongrid-store");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setSchema(settings.schema());
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        // requireReachable decides about the start; later, a pool that lost the database keeps trying
        // (calls fail with 503 until it answers) instead of failing its own creation.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        HikariDataSource dataSource = new HikariDataSource(config);
        requireReachable(dataSource, settings);
        migrate(dataSource, settings.schema());
        return dataSource;
    }

    /**
     * One connection within the connect timeout, or the node stops with one line that says why: a
     * wrong URL, host, password or database name would otherwise hold the start in Flyway's retries for
     * minutes, with no HTTP server to ask. The driver is asked directly, not through the pool, so a
     * refusal stops the start at once (the pool would retry it until its timeout). (Once started, the
     * node rides out store outages: 503s.)
     */
    static void requireReachable(HikariDataSource dataSource, StoreSettings settings) {
        int seconds = (int) Math.max(1, settings.connectTimeout().toSeconds());
        Properties login = new Properties();
        login.setProperty("user", settings.username());
        login.setProperty("password", settings.password());
        login.setProperty("connectTimeout", Integer.toString(seconds));
        login.setProperty("loginTimeout", Integer.toString(seconds));
        try (Connection ignored = new org.postgresql.Driver().connect(settings.jdbcUrl(), login)) {
            LOG.debug("Store reachable at {}", settings.jdbcUrl());
        } catch (SQLException e) {
            dataSource.close();
            throw new StartupProblem("The session store at " + settings.jdbcUrl().replaceFirst("[?].*$", "") + " (user '"
                    + settings.username() + "') did not accept a connection within " + seconds + " s: "
                    + StoreHealth.describe(e).replaceFirst("[.]$", "") + ". Check sessiongrid.store.jdbc-url, .username and"
                    + " .password (env SESSIONGRID_STORE_JDBC_URL, SESSIONGRID_STORE_USERNAME, SESSIONGRID_STORE_PASSWORD)"
                    + " and that the database is up; sessiongrid.store.connect-timeout sets the wait", e);
        }
    }

    static MigrateResult migrate(javax.sql.DataSource dataSource, String schema) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .createSchemas(true)
                .locations(MIGRATIONS)
                .connectRetries(10)
                .load()
                .migrate();
        LOG.info("Store schema '{}' at version {} ({} migration(s) applied now)", schema,
                result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted);
        return result;
    }

    @Singleton
    public StoreHealth storeHealth() {
        return new StoreHealth();
    }

    @Singleton
    public StoreMetrics storeMetrics(BeanProvider<MeterRegistry> registry, AppTags apps) {
        return new StoreMetrics(new LazyRegistry(registry), apps);
    }

    @Singleton
    public DurableStore durableStore(@Named("store") HikariDataSource dataSource, StoreMetrics metrics, StoreHealth health,
                                     AppPolicies policies, StoreSettings settings) {
        LOG.info("Durable store: {}", settings);
        return new DurableStore(dataSource, metrics, health, policies, settings);
    }
}
