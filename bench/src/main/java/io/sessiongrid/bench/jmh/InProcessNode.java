package io.sessiongrid.bench.jmh;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.sessiongrid.bench.FreePort;

import java.util.HashMap;
import java.util.Map;

/** A single real node (HTTP server on a free loopback port, member alone in its cluster) inside the benchmark's fork. */
final class InProcessNode {

    private InProcessNode() {
    }

    static EmbeddedServer start(String clusterPrefix) {
        return start(clusterPrefix, Map.of());
    }

    /** With further node properties, such as access control or rate limits. */
    static EmbeddedServer start(String clusterPrefix, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("micronaut.server.host", "127.0.0.1");
        props.put("sessiongrid.cluster.name", clusterPrefix + ProcessHandle.current().pid());
        props.put("sessiongrid.cluster.port", FreePort.next());
        props.put("sessiongrid.cluster.members", "");
        props.putAll(extra);
        return ApplicationContext.run(EmbeddedServer.class, props);
    }
}
