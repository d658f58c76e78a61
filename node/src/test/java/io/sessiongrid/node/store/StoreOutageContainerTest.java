package io.sessiongrid.node.store;

import io.sessiongrid.node.support.PostgresContainer;
import io.sessiongrid.node.support.StoreDatabase;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link StoreOutageTest} on a Testcontainers PostgreSQL (the proxy in front of it), where a Docker engine exists. */
@Testcontainers(disabledWithoutDocker = true)
class StoreOutageContainerTest extends StoreOutageTest {

    @Override
    StoreDatabase newDatabase() {
        return PostgresContainer.newDatabase();
    }
}
