package io.sessiongrid.node.session.process;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import io.sessiongrid.node.store.DurableStore;
import io.sessiongrid.node.session.model.AppendPlan;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.model.StoredEvent;

import java.util.Map;

/**
 * Appends one event and merges its session-scoped state delta, atomically on the session's partition,
 * within the app's size limits (refusing, or dropping the oldest events, as the policy says).
 * The record is changed in place; the backup replays the same event and delta
 * ({@link AppendEventBackup}) instead of copying the record, so neither side re-serializes the session.
 * <p>
 * In a WRITE_THROUGH app the append is staged, not applied: Hazelcast calls the store after this
 * processor, and the store applies the append only once PostgreSQL committed it, so a failed store
 * leaves the record as it was (and no backup is sent).
 */
public final class AppendEventProcessor implements EntryProcessor<SessionKey, SessionRecord, AppendOutcome>,
        HazelcastInstanceAware, AnswersInPlace<AppendOutcome> {

    /** Means "no expected version": any current version is accepted. */
    public static final long ANY_VERSION = -1;

    private final StoredEvent event;
    private final Map<String, byte[]> sessionDelta;
    private final long expectedVersion;
    private final SessionLimits limits;
    private transient StoredEvent appended;
    private transient int dropped;
    private transient HazelcastInstance hazelcast;
    private transient AnswerSlot<AppendOutcome> slot;

    public AppendEventProcessor(StoredEvent event, Map<String, byte[]> sessionDelta, long expectedVersion,
                                SessionLimits limits) {
        this.event = event;
        this.sessionDelta = sessionDelta;
        this.expectedVersion = expectedVersion;
        this.limits = limits;
    }

    public SessionLimits limits() {
        return limits;
    }

    public StoredEvent event() {
        return event;
    }

    public Map<String, byte[]> sessionDelta() {
        return sessionDelta;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    @Override
    public AppendOutcome process(Map.Entry<SessionKey, SessionRecord> entry) {
        AppendOutcome outcome = outcome(entry);
        return slot == null ? outcome : slot.keep(outcome);
    }

    @Override
    public void answerIn(AnswerSlot<AppendOutcome> slot) {
        this.slot = slot;
    }

    private AppendOutcome outcome(Map.Entry<SessionKey, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        if (record == null) {
            return AppendOutcome.notFound();
        }
        // Idempotency wins over the version check: a blind retry of a stored event must succeed.
        StoredEvent existing = record.eventById(event.id());
        if (existing != null) {
            record.touch(now());
            return new AppendOutcome(AppendOutcome.Status.REPLAYED, record.version(), existing.version(),
                    existing.appendedAt(), existing.json(), null);
        }
        long current = record.version();
        if (expectedVersion != ANY_VERSION && expectedVersion != current) {
            return new AppendOutcome(AppendOutcome.Status.VERSION_MISMATCH, current, -1, 0, null, null);
        }
        // Decide before changing anything: a refused append must leave the record exactly as it was.
        AppendPlan plan = record.plan(event, sessionDelta, limits.maxSessionBytes(), limits.maxEvents(),
                limits.dropOldest());
        if (!plan.accepted()) {
            return new AppendOutcome(AppendOutcome.Status.REFUSED, current, -1, 0, null, plan);
        }
        appended = event.appended(current + 1, record.nextAppendTime(now()));
        dropped = plan.drop();
        if (DurableStore.writeThrough(hazelcast, entry.getKey().app())) {
            record.stage(appended, sessionDelta, dropped);
        } else {
            record.append(appended, sessionDelta, dropped);
        }
        // The session's lifetime runs from its create: a plain setValue would restart the TTL.
        ((ExtendedMapEntry<SessionKey, SessionRecord>) entry).setValueWithoutChangingExpiryTime(record);
        return new AppendOutcome(AppendOutcome.Status.APPENDED, appended.version(), appended.version(),
                appended.appendedAt(), null, plan);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        hazelcast = instance;
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    @Override
    public EntryProcessor<SessionKey, SessionRecord, AppendOutcome> getBackupProcessor() {
        return appended == null ? null : new AppendEventBackup(appended, sessionDelta, dropped);
    }
}
