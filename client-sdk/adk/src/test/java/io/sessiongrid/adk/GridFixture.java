package io.sessiongrid.adk;

import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.node.support.TestCluster;
import io.sessiongrid.node.support.TestNode;

import java.util.List;
import java.util.Map;

/** A real single node (HTTP server and Hazelcast member in this JVM) with small listing pages, and clients on it. */
final class GridFixture implements AutoCloseable {

    /** Small pages, so listing a handful of sessions or events already crosses page boundaries. */
    static final int PAGE_SIZE = 3;

    private final TestNode node;

    GridFixture() {
        int port = TestCluster.freePort();
        node = TestNode.start("adk-" + port, port, List.of("127.0.0.1:" + port),
                Map.of("sessiongrid.limits.default-page-size", PAGE_SIZE));
    }

    String url() {
        return node.url();
    }

    SessionGridClient client() {
        return SessionGridClient.builder().endpoints(node.url()).build();
    }

    @Override
    public void close() {
        node.close();
    }
}
