package io.sessiongrid.node.process;

import io.sessiongrid.node.support.PostgresContainer;
import io.sessiongrid.node.support.StoreDatabase;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link FullRestartIT} on a Testcontainers PostgreSQL, where a Docker engine exists. */
@Testcontainers(disabledWithoutDocker = true)
class FullRestartContainerIT extends FullRestartIT {

    @Override
    StoreDatabase newDatabase() {
        return PostgresContainer.newDatabase();
    }
}
