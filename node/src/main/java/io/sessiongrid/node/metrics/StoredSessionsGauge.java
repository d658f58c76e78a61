package io.sessiongrid.node.metrics;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sessiongrid.node.concurrent.DaemonScheduler;
import io.sessiongrid.node.session.apps.OwnedSessionCounts;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sessions whose primary copy lives on this member: {@code sessiongrid.sessions.owned} over all apps,
 * and {@code sessiongrid.app.sessions.owned{app}} per app (the app tag bounded as every per-app meter's,
 * by {@link AppTags}; apps beyond it add up under {@code _other}). Each member reports its own share;
 * summing over members gives the cluster's count without a cluster-wide call per scrape. The per-app
 * rows are refreshed every {@link #REFRESH_SECONDS} s, so an app that is gone leaves the rows too.
 */
@Singleton
public class StoredSessionsGauge implements MeterBinder {

    static final long REFRESH_SECONDS = 10;

    private final HazelcastInstance hazelcast;
    private final AppTags apps;
    private final ScheduledExecutorService refresher = DaemonScheduler.named("sessiongrid-sessions-gauge");
    private volatile MultiGauge byApp;

    public StoredSessionsGauge(HazelcastInstance hazelcast, AppTags apps) {
        this.hazelcast = hazelcast;
        this.apps = apps;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("sessiongrid.sessions.owned", this, StoredSessionsGauge::ownedSessions)
                .description("Sessions whose primary replica is on this member")
                .register(registry);
        byApp = MultiGauge.builder("sessiongrid.app.sessions.owned")
                .description("Sessions whose primary replica is on this member, by app").register(registry);
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    /** Sets the per-app rows to what this member owns now. */
    void refresh() {
        MultiGauge gauge = byApp;
        if (gauge == null || !hazelcast.getLifecycleService().isRunning()) {
            return;
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        ownedByApp().forEach((tag, owned) -> rows.add(MultiGauge.Row.of(Tags.of("app", tag), owned)));
        gauge.register(rows, true);
    }

    double ownedSessions() {
        if (!hazelcast.getLifecycleService().isRunning()) {
            return Double.NaN;
        }
        return ownedByApp().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Owned entries of each app's sessions map, keyed by the app's tag. */
    private Map<String, Long> ownedByApp() {
        Map<String, Long> owned = new TreeMap<>();
        new TreeMap<>(OwnedSessionCounts.on(hazelcast)).forEach((app, count) -> owned.merge(apps.tag(app), count, Long::sum));
        return owned;
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }
}
