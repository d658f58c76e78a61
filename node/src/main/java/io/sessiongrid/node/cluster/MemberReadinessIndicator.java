package io.sessiongrid.node.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.micronaut.context.annotation.Context;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.sessiongrid.node.config.ClusterSettings;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sessiongrid.node.concurrent.DaemonScheduler;

import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ready once the member runs and has seen the cluster safe (every partition's backups in sync) after
 * it started, so an orchestrator that waits for a new member's readiness never stops the next one
 * while data exists in one copy only. It then stays ready while the member runs: a migration
 * elsewhere must not take every member out of service at once. Cluster safety is checked in the
 * background every second (the check is cluster-wide and can block) and reported as
 * {@code clusterSafe} for rollout gates; a check that has not come back within 2 s (it waits for a frozen
 * or cut-off member until that member is removed) reports the cluster not safe, not the last answer. Created with the context, so the first check runs at start.
 * A member that finds live members of another cluster where its discovery points, while it is alone,
 * is not ready ({@code unjoinedMembers}): see {@link UnjoinedMembers}.
 */
@Context
@Readiness
public class MemberReadinessIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(MemberReadinessIndicator.class);
    private static final long PROBE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final long STUCK_CHECK_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final HazelcastInstance hazelcast;
    private final ScheduledExecutorService checker = DaemonScheduler.named("sessiongrid-cluster-safety");
    private final UnjoinedMembers unjoinedMembers;
    private volatile boolean clusterSafe;
    /** When the safety check under way began (never 0), or 0 while none is. */
    private volatile long checkStarted;
    private volatile boolean wasSafe;
    private volatile List<String> unjoined = List.of();
    private long lastProbe;

    public MemberReadinessIndicator(HazelcastInstance hazelcast, ClusterSettings settings) {
        this.hazelcast = hazelcast;
        this.unjoinedMembers = new UnjoinedMembers(settings);
        checker.scheduleWithFixedDelay(this::check, 0, 1, TimeUnit.SECONDS);
    }

    private void check() {
        checkStarted = System.nanoTime() | 1;
        try {
            clusterSafe = hazelcast.getLifecycleService().isRunning() && hazelcast.getPartitionService().isClusterSafe();
        } catch (RuntimeException e) {
            clusterSafe = false;
        } finally {
            checkStarted = 0;
        }
        if (wasSafe) {
            return;
        }
        List<String> previous = unjoined;
        long now = System.nanoTime();
        // Each probe is a connection the other cluster's members log: every few seconds is enough.
        if (now - lastProbe >= PROBE_INTERVAL_NANOS || previous.isEmpty()) {
            lastProbe = now;
            try {
                unjoined = unjoinedMembers.find(hazelcast.getCluster().getMembers().size(),
                        hazelcast.getCluster().getLocalMember().getAddress().getInetAddress());
            } catch (RuntimeException | UnknownHostException e) {
                unjoined = List.of();
            }
        }
        if (!unjoined.isEmpty() && !unjoined.equals(previous)) {
            LOG.warn("Alone, while members of another cluster answer where discovery points: {}. Not ready: a"
                    + " different cluster name, member port, partition count or Hazelcast version cannot join them", unjoined);
        }
        if (unjoined.isEmpty() && clusterSafe) {
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
            details.put("clusterSafe", clusterSafeNow());
            if (!wasSafe && !unjoined.isEmpty()) {
                details.put("unjoinedMembers", unjoined);
            }
        }
        healthStatus = running && wasSafe ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    // The last answer, unless the check since has been waiting too long for some member to give one.
    private boolean clusterSafeNow() {
        long started = checkStarted;
        return clusterSafe && (started == 0 || System.nanoTime() - started < STUCK_CHECK_NANOS);
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
