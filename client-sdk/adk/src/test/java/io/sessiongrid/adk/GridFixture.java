package io.sessiongrid.adk;

import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.node.support.TestCluster;
import io.sessiongrid.node.support.TestNode;

import java.util.List;
import java.util.Map;

/**
 * A real single node (HTTP server and Hazelcast member in this JVM) with small listing pages, an SDK
 * client on it and the adapter on that client.
 */
final class GridFixture implements AutoCloseable {

    /** Small pages, so listing a handful of sessions or events already crosses page boundaries. */
    static final int PAGE_SIZE = 3;

    private final TestNode node;
    private final SessionGridClient client;
    private final SessionGridSessionService service;

    GridFixture() {
        int port = TestCluster.freePort();
        node = TestNode.start("adk-" + port, port, List.of("127.0.0.1:" + port),
                Map.of("sessiongrid.limits.default-page-size", PAGE_SIZE,
                        // App "capped" keeps its last 3 events, dropping the oldest.
                        "sessiongrid.apps.capped.max-events", 3,
                        "sessiongrid.apps.capped.events-overflow", "DROP_OLDEST"));
        client = SessionGridClient.builder().endpoints(node.url()).build();
        service = new SessionGridSessionService(client);
    }

    String url() {
        return node.url();
    }

    SessionGridClient client() {
        return client;
    }

    SessionGridSessionService service() {
        return service;
    }

    @Override
    public void close() {
        client.close();
        node.close();
    }
}
