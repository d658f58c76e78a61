package io.sessiongrid.node.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.PartitionService;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
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
    static final long ASK_DEADLINE_MILLIS = 1500;

    private final HazelcastInstance hazelcast;
    private final ScheduledExecutorService checker = DaemonScheduler.named("sessiongrid-cluster-safety");
    /** Asks the members in parallel; a member that does not answer costs its asker, not the check. */
    /** The question each member has not answered yet (checked from the one checker thread only). */
    private final Map<Member, CompletableFuture<Boolean>> pending = new HashMap<>();
    private final ExecutorService askers = Executors.newCachedThreadPool(DaemonScheduler.threads("sessiongrid-cluster-safety-ask"));
    private final UnjoinedMembers unjoinedMembers;
    private final int configuredMembers;
    private volatile boolean clusterSafe;
    private volatile boolean wasSafe;
    private volatile List<String> unjoined = List.of();
    private long lastProbe;

    public MemberReadinessIndicator(HazelcastInstance hazelcast, ClusterSettings settings, ConfiguredMembers configured) {
        this.hazelcast = hazelcast;
        this.unjoinedMembers = new UnjoinedMembers(settings);
        this.configuredMembers = configured.count();
        checker.scheduleWithFixedDelay(this::check, 0, 1, TimeUnit.SECONDS);
    }

    /** The last background check's answer: every partition's backups in sync. */
    public boolean clusterSafe() {
        return clusterSafe;
    }

    private void check() {
        try {
            clusterSafe = hazelcast.getLifecycleService().isRunning() && everyMemberSafe();
        } catch (RuntimeException e) {
            clusterSafe = false;
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

    /**
     * Hazelcast's {@code isClusterSafe()} waits for every member's answer for up to the graceful
     * shutdown's maximum wait (minutes), so one crashed or frozen member would freeze this check until
     * it is removed and beyond. Each member is asked on its own instead, and an answer not in within
     * {@link #ASK_DEADLINE_MILLIS} counts as not safe this round. A member still owing the answer to an
     * earlier round is not asked again (it counts as not safe): questions piling up at a frozen member
     * delayed its removal by seconds.
     */
    private boolean everyMemberSafe() {
        PartitionService partitions = hazelcast.getPartitionService();
        Set<Member> members = hazelcast.getCluster().getMembers();
        pending.keySet().retainAll(members);
        List<CompletableFuture<Boolean>> answers = new ArrayList<>(members.size());
        for (Member member : members) {
            CompletableFuture<Boolean> earlier = pending.get(member);
            if (earlier != null && !earlier.isDone()) {
                return false;
            }
            CompletableFuture<Boolean> answer = CompletableFuture.supplyAsync(() -> partitions.isMemberSafe(member), askers);
            pending.put(member, answer);
            answers.add(answer);
        }
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(ASK_DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return answers.stream().allMatch(CompletableFuture::join);
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean running = hazelcast.getLifecycleService().isRunning();
        details.put("running", running);
        if (running) {
            details.put("member", hazelcast.getCluster().getLocalMember().getAddress().toString());
            details.put("clusterSize", hazelcast.getCluster().getMembers().size());
            if (configuredMembers > 0) {
                // "2 of 3": a member missing from the list does not make this one unready, but shows here.
                details.put("configuredMembers", configuredMembers);
            }
            details.put("clusterSafe", clusterSafe);
            if (!wasSafe && !unjoined.isEmpty()) {
                details.put("unjoinedMembers", unjoined);
            }
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
        askers.shutdownNow();
    }
}
