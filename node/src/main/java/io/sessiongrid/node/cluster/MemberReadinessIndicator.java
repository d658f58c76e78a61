package io.sessiongrid.node.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/** Ready while the embedded member runs; reports the member and cluster it sees. */
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
        if (running) {
            details.put("member", hazelcast.getCluster().getLocalMember().getAddress().toString());
            details.put("clusterSize", hazelcast.getCluster().getMembers().size());
        }
        healthStatus = running ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    @Override
    protected String getName() {
        return "hazelcast";
    }
}
