package io.sessiongrid.node.support;

import org.testcontainers.containers.PostgreSQLContainer;

/**
 * One PostgreSQL container for every store test twin in the JVM (each test still gets its own
 * schema). Only twins annotated {@code @Testcontainers(disabledWithoutDocker = true)} use it.
 */
public final class PostgresContainer {

    private static PostgreSQLContainer<?> container;

    private PostgresContainer() {
    }

    public static synchronized StoreDatabase newDatabase() {
        if (container == null) {
            container = new PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
        }
        return new StoreDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }
}
