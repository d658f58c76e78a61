package io.sessiongrid.node.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.micronaut.context.annotation.Context;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.annotation.PreDestroy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ready once the member runs and has seen the cluster safe (every partition's backups in sync) after
 * it started, so an orchestrator that waits for a new member's readiness never stops the next one
 * while data exists in one copy only. It then stays ready while the member runs: a migration
 * elsewhere must not take every member out of service at once. Cluster safety is checked in the
 * background every second (the check is cluster-wide and can block) and reported as
 * {@code clusterSafe} for rollout gates. Created with the context, so the first check runs at start.
 */
@Context
@Readiness
public class MemberReadinessIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final HazelcastInstance hazelcast;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sessiongrid-cluster-safety");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean clusterSafe;
    private volatile boolean wasSafe;

    public MemberReadinessIndicator(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        checker.scheduleWithFixedDelay(this::check, 0, 1, TimeUnit.SECONDS);
    }

    private void check() {
        try {
            clusterSafe = hazelcast.getLifecycleService().isRunning() && hazelcast.getPartitionService().isClusterSafe();
        } catch (RuntimeException e) {
            clusterSafe = false;
        }
        if (clusterSafe) {
            wasSafe = true;
        }
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean running = hazelcast.getLifecycleService().isRunning();
        details.put("running", running);
        if (running) {
            details.put("member", hazelcast.getCluster().getLocalMember().getAddress().toString());
            details.put("clusterSize", hazelcast.getCluster().getMembers().size());
            details.put("clusterSafe", clusterSafe);
        }
        healthStatus = running && wasSafe ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    @Override
    protected String getName() {
        return "hazelcast";
    }

    @PreDestroy
    void stop() {
        checker.shutdownNow();
    }
}
