package io.sessiongrid.node.support;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.node.cluster.HazelcastConfigBuilder;
import io.sessiongrid.node.config.ClusterSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Real Hazelcast members on 127.0.0.1, configured exactly as a node configures its own, started one
 * after another (parallel starts fight over mastership) on free ports.
 */
public final class TestCluster implements AutoCloseable {

    private final String name = "test-" + UUID.randomUUID();
    private final List<Integer> ports = new ArrayList<>();
    private final List<HazelcastInstance> members = new ArrayList<>();

    public TestCluster(int size) {
        for (int i = 0; i < size; i++) {
            ports.add(freePort());
        }
        for (int port : ports) {
            members.add(Hazelcast.newHazelcastInstance(HazelcastConfigBuilder.build(settings(port))));
        }
    }

    public ClusterSettings settings(int port) {
        List<String> addresses = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        return new ClusterSettings(name, port, false, addresses, "127.0.0.1", 31, 1);
    }

    public String name() {
        return name;
    }

    public List<String> addresses() {
        return ports.stream().map(p -> "127.0.0.1:" + p).toList();
    }

    public HazelcastInstance member(int index) {
        return members.get(index);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Shuts members down in reverse start order, so the master (the first) goes last. */
    @Override
    public void close() {
        for (int i = members.size() - 1; i >= 0; i--) {
            HazelcastInstance m = members.get(i);
            if (m.getLifecycleService().isRunning()) {
                m.shutdown();
            }
        }
    }
}
