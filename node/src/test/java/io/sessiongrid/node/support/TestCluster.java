package io.sessiongrid.node.support;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.node.cluster.HazelcastConfigBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sessiongrid.node.config.ClusterSettings;
import io.sessiongrid.node.metrics.AppTags;
import io.sessiongrid.node.metrics.LifecycleMetrics;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;

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
    private final List<SimpleMeterRegistry> registries = new ArrayList<>();
    private final AppPolicies policies;

    public TestCluster(int size) {
        this(size, AppPolicies.of(AppPolicy.BUILT_IN));
    }

    /** Members whose maps follow {@code policies}, each counting lifecycle events in its own registry. */
    public TestCluster(int size, AppPolicies policies) {
        this.policies = policies;
        for (int i = 0; i < size; i++) {
            ports.add(freePort());
        }
        for (int port : ports) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            Config config = HazelcastConfigBuilder.build(settings(port), policies);
            config.getUserContext().put(LifecycleMetrics.CONTEXT_KEY,
                    new LifecycleMetrics(() -> registry, new AppTags(policies, 100)));
            registries.add(registry);
            members.add(Hazelcast.newHazelcastInstance(config));
        }
    }

    public ClusterSettings settings(int port) {
        List<String> addresses = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        return new ClusterSettings(name, port, false, addresses, "127.0.0.1", 31);
    }

    public AppPolicies policies() {
        return policies;
    }

    /** The meters member {@code index} reports to. */
    public SimpleMeterRegistry registry(int index) {
        return registries.get(index);
    }

    /** A meter's total over every member, as a cluster-wide dashboard would sum it. */
    public double counted(String meter, String... tags) {
        return registries.stream().flatMap(r -> r.find(meter).tags(tags).counters().stream())
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
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
        return FreePort.next();
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
