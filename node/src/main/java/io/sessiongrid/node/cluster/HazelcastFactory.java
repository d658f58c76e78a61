package io.sessiongrid.node.cluster;

import com.hazelcast.config.Config;
import io.micronaut.core.annotation.Nullable;
import io.sessiongrid.node.store.DurableStore;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.sessiongrid.node.config.ClusterSettings;
import io.sessiongrid.node.metrics.LifecycleMetrics;
import io.sessiongrid.node.memory.MemorySettings;
import io.sessiongrid.node.memory.OutOfMemoryExit;
import io.sessiongrid.node.policy.AppPolicies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded member eagerly with the application context (a lazy bean would start it on the
 * event loop at the first request) and shuts it down gracefully, so its partitions migrate first.
 */
@Factory
public class HazelcastFactory {

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastFactory.class);

    @Context
    @Bean(preDestroy = "shutdown")
    public HazelcastInstance hazelcastInstance(ClusterSettings settings, AppPolicies policies, LifecycleMetrics metrics,
                                               MemorySettings memory, @Nullable DurableStore store) {
        System.setProperty("hazelcast.logging.type", "slf4j");
        OutOfMemoryExit.install(memory.exitOnOutOfMemory());
        Config config = HazelcastConfigBuilder.build(settings, policies);
        config.getUserContext().put(LifecycleMetrics.CONTEXT_KEY, metrics);
        if (store != null) {
            // Map stores are created by class name; they find the store here.
            config.getUserContext().put(DurableStore.CONTEXT_KEY, store);
        }
        HazelcastInstance instance = Hazelcast.newHazelcastInstance(config);
        LOG.info("Hazelcast member {} joined cluster '{}' with {} member(s)",
                instance.getCluster().getLocalMember().getAddress(), settings.name(),
                instance.getCluster().getMembers().size());
        return instance;
    }
}
