package io.sessiongrid.node.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What an operator watches of the cluster, as this member sees it: how many members it sees and how
 * many the configuration means it to have ({@link ConfiguredMembers}); whether every partition's backups are in sync (the
 * readiness check's own answer); and partition migrations, running and done. Each member reports its
 * own view, so a member cut off from the others shows it.
 */
@Singleton
public class ClusterMeters implements MeterBinder {

    private final HazelcastInstance hazelcast;
    private final ConfiguredMembers configured;
    private final BeanProvider<MemberReadinessIndicator> readiness;
    private final AtomicInteger migrating = new AtomicInteger();

    /** Readiness through a provider: it is a health indicator, which the meter registry's own start needs. */
    public ClusterMeters(HazelcastInstance hazelcast, ConfiguredMembers configured,
                         BeanProvider<MemberReadinessIndicator> readiness) {
        this.hazelcast = hazelcast;
        this.configured = configured;
        this.readiness = readiness;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("sessiongrid.cluster.members", this, m -> m.running() ? m.hazelcast.getCluster().getMembers().size() : Double.NaN)
                .description("Members of the cluster this member sees, itself included").register(registry);
        if (configured.count() > 0) {
            Gauge.builder("sessiongrid.cluster.members.configured", configured, ConfiguredMembers::count)
                    .description("Members the configuration means the cluster to have (expected-members, or the"
                            + " TCP/IP member list)").register(registry);
        }
        Gauge.builder("sessiongrid.cluster.safe", this, m -> m.readiness.get().clusterSafe() ? 1 : 0)
                .description("1 when every partition's backups are in sync (checked every second), else 0")
                .register(registry);
        Gauge.builder("sessiongrid.partition.migrations.active", migrating, AtomicInteger::get)
                .description("Partition migration processes under way, as this member hears of them").register(registry);
        Counter completed = Counter.builder("sessiongrid.partition.migrations").tag("result", "completed")
                .description("Partition replica migrations finished, by result").register(registry);
        Counter failed = Counter.builder("sessiongrid.partition.migrations").tag("result", "failed")
                .description("Partition replica migrations finished, by result").register(registry);
        // A master that leaves mid-process never says "finished"; the next master starts its own.
        hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // the master starts a migration process of its own, and says so
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                migrating.set(0);
            }
        });
        hazelcast.getPartitionService().addMigrationListener(new MigrationListener() {
            @Override
            public void migrationStarted(MigrationState state) {
                migrating.incrementAndGet();
            }

            @Override
            public void migrationFinished(MigrationState state) {
                migrating.updateAndGet(n -> Math.max(0, n - 1));
            }

            @Override
            public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
                completed.increment();
            }

            @Override
            public void replicaMigrationFailed(ReplicaMigrationEvent event) {
                failed.increment();
            }
        });
    }

    private boolean running() {
        return hazelcast.getLifecycleService().isRunning();
    }
}
