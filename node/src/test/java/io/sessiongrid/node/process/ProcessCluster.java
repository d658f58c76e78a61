package io.sessiongrid.node.process;

import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.node.support.TestCluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** N node processes on loopback forming one cluster, started one after another (each waits for readiness). */
final class ProcessCluster implements AutoCloseable {

    static final Duration START_PATIENCE = Duration.ofSeconds(90);

    private final String name = "it-" + UUID.randomUUID();
    private final List<Integer> httpPorts = new ArrayList<>();
    private final List<Integer> memberPorts = new ArrayList<>();
    private final List<NodeProcess> nodes = new ArrayList<>();
    private final String label;
    private final Map<String, String> properties;
    private int generation;

    ProcessCluster(int size) {
        this("node", size, Map.of());
    }

    /**
     * Nodes whose logs are named after {@code label} and that get {@code properties} as {@code -D} system
     * properties (store, app policies), every generation the same.
     */
    ProcessCluster(String label, int size, Map<String, String> properties) {
        this.label = label;
        this.properties = Map.copyOf(properties);
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

    /**
     * Stops every node at once (SIGTERM to all, then waits for each to exit), as a whole StatefulSet
     * deleted together; returns the exit codes.
     */
    List<Integer> stopAll(Duration patience) {
        nodes.forEach(NodeProcess::signalStop);
        return nodes.stream().map(n -> n.awaitExit(patience)).toList();
    }

    /** Kills every node at once (SIGKILL to all, then waits for each to exit), as a power loss. */
    void killAll() {
        nodes.forEach(NodeProcess::signalKill);
        nodes.forEach(n -> n.awaitExit(Duration.ofSeconds(30)));
    }

    /** Starts a fresh process in every slot, one after another, each ready before the next starts. */
    void restartAll() {
        for (int i = 0; i < nodes.size(); i++) {
            replace(i);
        }
    }

    /** Waits until the live nodes see every partition's backups in sync again (readiness stays UP meanwhile). */
    void awaitClusterSafe() {
        org.awaitility.Awaitility.await().atMost(START_PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> nodes.stream().filter(NodeProcess::alive).allMatch(NodeProcess::clusterSafe));
    }

    /** Waits until every live node but {@code left} (one frozen, say) sees every partition's backups in sync. */
    void awaitClusterSafeWithout(NodeProcess left) {
        org.awaitility.Awaitility.await().atMost(START_PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> nodes.stream().filter(n -> n != left && n.alive()).allMatch(NodeProcess::clusterSafe));
    }

    private NodeProcess launch(int i) {
        List<String> members = memberPorts.stream().map(p -> "127.0.0.1:" + p).toList();
        return NodeProcess.start(label + "-" + i + "-gen-" + generation++, name, httpPorts.get(i), memberPorts.get(i),
                members, properties);
    }

    NodeProcess node(int i) {
        return nodes.get(i);
    }

    /** An SDK client over every node, as an application in front of the cluster would use it. */
    SessionGridClient client() {
        return clientStartingAt(0);
    }

    /**
     * An SDK client over every node whose calls start at node {@code first} (then the next ones, round). An
     * attempt waits for its answer at most the SDK's default 10 s, or {@code -Dsessiongrid.it.request-timeout}
     * (an ISO duration such as {@code PT3S}).
     */
    SessionGridClient clientStartingAt(int first) {
        String[] endpoints = new String[httpPorts.size()];
        for (int i = 0; i < endpoints.length; i++) {
            endpoints[i] = "http://127.0.0.1:" + httpPorts.get((first + i) % endpoints.length);
        }
        return SessionGridClient.builder().endpoints(endpoints)
                .requestTimeout(Duration.parse(System.getProperty("sessiongrid.it.request-timeout", "PT10S"))).build();
    }

    /** Waits until every live node answers, sees all {@code size} members and every partition's backups in sync. */
    void awaitMembers(int size, Duration patience) {
        org.awaitility.Awaitility.await().atMost(patience).pollInterval(Duration.ofMillis(250))
                .until(() -> nodes.stream().filter(NodeProcess::alive)
                        .allMatch(n -> n.clusterSize() == size && n.clusterSafe()));
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
