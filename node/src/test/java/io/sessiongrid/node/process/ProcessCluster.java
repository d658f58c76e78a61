package io.sessiongrid.node.process;

import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.node.support.TestCluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** N node processes on loopback forming one cluster, started one after another (each waits for readiness). */
final class ProcessCluster implements AutoCloseable {

    static final Duration START_PATIENCE = Duration.ofSeconds(90);

    private final String name = "it-" + UUID.randomUUID();
    private final List<Integer> httpPorts = new ArrayList<>();
    private final List<Integer> memberPorts = new ArrayList<>();
    private final List<NodeProcess> nodes = new ArrayList<>();
    private int generation;

    ProcessCluster(int size) {
        for (int i = 0; i < size; i++) {
            httpPorts.add(TestCluster.freePort());
            memberPorts.add(TestCluster.freePort());
        }
        try {
            for (int i = 0; i < size; i++) {
                NodeProcess node = launch(i);
                nodes.add(node);
                node.awaitReady(START_PATIENCE);
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Starts a fresh process in slot {@code i} (same ports, as a replaced pod keeps its address). */
    NodeProcess replace(int i) {
        NodeProcess node = launch(i);
        nodes.set(i, node);
        return node.awaitReady(START_PATIENCE);
    }

    /** Waits until the live nodes see every partition's backups in sync again (readiness stays UP meanwhile). */
    void awaitClusterSafe() {
        org.awaitility.Awaitility.await().atMost(START_PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> nodes.stream().filter(NodeProcess::alive).allMatch(NodeProcess::clusterSafe));
    }

    private NodeProcess launch(int i) {
        List<String> members = memberPorts.stream().map(p -> "127.0.0.1:" + p).toList();
        return NodeProcess.start("node-" + i + "-gen-" + generation++, name, httpPorts.get(i), memberPorts.get(i), members);
    }

    NodeProcess node(int i) {
        return nodes.get(i);
    }

    /** An SDK client over every node, as an application in front of the cluster would use it. */
    SessionGridClient client() {
        return SessionGridClient.builder().endpoints(httpPorts.stream().map(p -> "http://127.0.0.1:" + p).toArray(String[]::new))
                .requestTimeout(Duration.ofSeconds(10)).build();
    }

    /** Kills every node still running; one that resists does not keep the others alive. */
    @Override
    public void close() {
        for (NodeProcess n : nodes) {
            try {
                if (n.alive()) {
                    n.kill();
                }
            } catch (RuntimeException e) {
                System.err.println("Could not kill " + n.name() + ": " + e);
            }
        }
    }
}
