package io.sessiongrid.node.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A real node (HTTP server plus embedded member) on free ports, joining the given members. */
public final class TestNode implements AutoCloseable {

    private final EmbeddedServer server;

    private TestNode(EmbeddedServer server) {
        this.server = server;
    }

    /** Starts a node whose member uses {@code memberPort} and joins {@code members} (all on 127.0.0.1). */
    public static TestNode start(String clusterName, int memberPort, List<String> members, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("micronaut.server.host", "127.0.0.1");
        props.put("sessiongrid.cluster.name", clusterName);
        props.put("sessiongrid.cluster.port", memberPort);
        props.put("sessiongrid.cluster.members", String.join(",", members));
        props.put("sessiongrid.cluster.partition-count", 31);
        props.putAll(extra);
        return new TestNode(ApplicationContext.run(EmbeddedServer.class, props));
    }

    public static TestNode single() {
        int port = TestCluster.freePort();
        return start("node-" + port, port, List.of("127.0.0.1:" + port), Map.of());
    }

    public String url() {
        return server.getScheme() + "://127.0.0.1:" + server.getPort();
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
