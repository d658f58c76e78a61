package io.sessiongrid.node.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ready when the embedded member runs and the cluster is safe: every partition has its backups in
 * sync, so an orchestrator that waits for readiness never stops the next member while data exists
 * in one copy only. During migrations (a member joined or left) every member reports not ready for
 * the seconds they take.
 */
@Singleton
@Readiness
public class MemberReadinessIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final HazelcastInstance hazelcast;

    public MemberReadinessIndicator(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean running = hazelcast.getLifecycleService().isRunning();
        details.put("running", running);
        boolean safe = false;
        if (running) {
            details.put("member", hazelcast.getCluster().getLocalMember().getAddress().toString());
            details.put("clusterSize", hazelcast.getCluster().getMembers().size());
            safe = hazelcast.getPartitionService().isClusterSafe();
            details.put("clusterSafe", safe);
            details.put("localMemberSafe", hazelcast.getPartitionService().isLocalMemberSafe());
        }
        healthStatus = running && safe ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    @Override
    protected String getName() {
        return "hazelcast";
    }
}
