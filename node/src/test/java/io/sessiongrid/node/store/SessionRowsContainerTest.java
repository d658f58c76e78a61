package io.sessiongrid.node.store;

import io.sessiongrid.node.support.PostgresContainer;
import io.sessiongrid.node.support.StoreDatabase;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link SessionRowsTest} on a Testcontainers PostgreSQL, where a Docker engine exists. */
@Testcontainers(disabledWithoutDocker = true)
class SessionRowsContainerTest extends SessionRowsTest {

    @Override
    StoreDatabase newDatabase() {
        return PostgresContainer.newDatabase();
    }
}
