package io.sessiongrid.bench.store;

import io.sessiongrid.bench.FreePort;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

/** Against a real node (HTTP server and Hazelcast member) started in this JVM, through the SDK. */
class GridStoreTest extends SessionStoreContract {

    private static EmbeddedServer node;
    private static GridStore store;

    @BeforeAll
    static void start() {
        int member = FreePort.next();
        node = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "micronaut.server.host", "127.0.0.1",
                "sessiongrid.cluster.name", "bench-test-" + member,
                "sessiongrid.cluster.port", member,
                "sessiongrid.cluster.partition-count", 31));
        store = new GridStore("http://127.0.0.1:" + node.getPort());
    }

    @AfterAll
    static void stop() {
        store.close();
        node.close();
    }

    @Override
    protected SessionStore store() {
        return store;
    }

}
