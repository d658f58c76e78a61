package io.sessiongrid.node.process;

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
        for (int i = 0; i < size; i++) {
            nodes.add(launch(i).awaitReady(START_PATIENCE));
        }
    }

    /** Starts a fresh process in slot {@code i} (same ports, as a replaced pod keeps its address). */
    NodeProcess replace(int i) {
        NodeProcess node = launch(i).awaitReady(START_PATIENCE);
        nodes.set(i, node);
        return node;
    }

    private NodeProcess launch(int i) {
        List<String> members = memberPorts.stream().map(p -> "127.0.0.1:" + p).toList();
        return NodeProcess.start("node-" + i + "-gen-" + generation++, name, httpPorts.get(i), memberPorts.get(i), members);
    }

    NodeProcess node(int i) {
        return nodes.get(i);
    }

    List<String> urls() {
        return httpPorts.stream().map(p -> "http://127.0.0.1:" + p).toList();
    }

    /** Waits until every live node answers ready (the cluster is safe again). */
    void awaitReady() {
        nodes.stream().filter(NodeProcess::alive).forEach(n -> n.awaitReady(START_PATIENCE));
    }

    @Override
    public void close() {
        for (NodeProcess n : nodes) {
            if (n.alive()) {
                n.kill();
            }
        }
    }
}
