package io.sessiongrid.node.store;

import com.hazelcast.core.EntryView;
import com.hazelcast.core.HazelcastInstance;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.routing.RemoveRouteProcessor;
import io.sessiongrid.node.session.routing.RouteKey;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sessiongrid.node.concurrent.DaemonScheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes the rows of expired sessions. Hazelcast's expiry never calls the store, and reads slide
 * idle timeouts in memory only, so the sweep asks memory first: a session still in memory gets its
 * row's {@code expires_at} moved to memory's expiry (kept within two sweeps of the truth, so a crash
 * does not lose sessions in use); one absent from memory whose row has expired is deleted. One member
 * sweeps at a time: the oldest.
 */
@Context
@Requires(bean = DurableStore.class)
public class StoreSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(StoreSweeper.class);
    static final int BATCH = 500;
    /** Most rows one sweep looks at; the next sweep continues. */
    static final int MAX_PER_SWEEP = 20_000;

    private final HazelcastInstance hazelcast;
    private final SessionMaps maps;
    private final AppPolicies policies;
    private final DurableStore store;
    private final long intervalMillis;
    private final ScheduledExecutorService timer = DaemonScheduler.named("sessiongrid-store-sweeper");

    public StoreSweeper(HazelcastInstance hazelcast, SessionMaps maps, AppPolicies policies, DurableStore store,
                        StoreSettings settings) {
        this.hazelcast = hazelcast;
        this.maps = maps;
        this.policies = policies;
        this.store = store;
        this.intervalMillis = Math.max(1000, settings.sweepInterval().toMillis());
        timer.scheduleWithFixedDelay(this::sweepIfOldest, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private void sweepIfOldest() {
        try {
            if (hazelcast.getLifecycleService().isRunning()
                    && hazelcast.getCluster().getMembers().iterator().next().localMember()) {
                Result r = sweep(System.currentTimeMillis());
                if (r.deleted() > 0 || r.extended() > 0) {
                    LOG.info("Store sweep: {} expired session(s) deleted, {} in use extended, {} row(s) looked at",
                            r.deleted(), r.extended(), r.seen());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Store sweep failed; the next one retries: {}", StoreHealth.describe(e));
        }
    }

    /** What one sweep did. */
    record Result(int seen, int deleted, int extended) {
    }

    /** Sweeps rows expiring before two intervals from {@code now}. */
    Result sweep(long now) {
        return store.call(StoreMetrics.Op.SWEEP, SessionMapStore.TABLE, () -> {
            int seen = 0;
            int deleted = 0;
            int extended = 0;
            SessionRows.Expiring cursor = null;
            while (seen < MAX_PER_SWEEP) {
                List<SessionRows.Expiring> rows = store.sessions().expiring(now + 2 * intervalMillis, cursor, BATCH);
                if (rows.isEmpty()) {
                    break;
                }
                List<SessionKey> expired = new ArrayList<>();
                Map<SessionKey, Long> inUse = new HashMap<>();
                for (SessionRows.Expiring row : rows) {
                    String app = row.key().app();
                    if (policies.find(app).isEmpty()) {
                        continue;
                    }
                    // getEntryView reads memory only; a get or entry processor would load the row back.
                    // An app with no maps here holds nothing in memory.
                    EntryView<SessionKey, SessionRecord> view = maps.exists(app)
                            ? maps.sessions(app).getEntryView(row.key()) : null;
                    if (view != null) {
                        if (view.getExpirationTime() > row.expiresAt()) {
                            inUse.put(row.key(), view.getExpirationTime());
                        }
                    } else if (row.expiresAt() < now) {
                        expired.add(row.key());
                    }
                }
                if (!inUse.isEmpty()) {
                    store.sessions().extend(inUse);
                    extended += inUse.size();
                }
                if (!expired.isEmpty()) {
                    deleted += store.sessions().deleteExpired(expired);
                    // Routes of sessions memory no longer held (evicted) outlive them otherwise.
                    for (SessionKey key : expired) {
                        maps.routes(key.app()).submitToKey(new RouteKey(key.app(), key.sessionId()),
                                new RemoveRouteProcessor(key.userId(), null));
                    }
                }
                seen += rows.size();
                cursor = rows.get(rows.size() - 1);
            }
            return new Result(seen, deleted, extended);
        });
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
