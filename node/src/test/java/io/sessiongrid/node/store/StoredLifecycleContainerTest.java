package io.sessiongrid.node.store;

import io.sessiongrid.node.support.PostgresContainer;
import io.sessiongrid.node.support.StoreDatabase;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link StoredLifecycleTest} on a Testcontainers PostgreSQL, where a Docker engine exists. */
@Testcontainers(disabledWithoutDocker = true)
class StoredLifecycleContainerTest extends StoredLifecycleTest {

    @Override
    StoreDatabase newDatabase() {
        return PostgresContainer.newDatabase();
    }
}
