package io.sessiongrid.node.store;

import io.sessiongrid.node.support.PostgresContainer;
import io.sessiongrid.node.support.StoreDatabase;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link EagerLoadTest} on a Testcontainers PostgreSQL, where a Docker engine exists. */
@Testcontainers(disabledWithoutDocker = true)
class EagerLoadContainerTest extends EagerLoadTest {

    @Override
    StoreDatabase newDatabase() {
        return PostgresContainer.newDatabase();
    }
}
