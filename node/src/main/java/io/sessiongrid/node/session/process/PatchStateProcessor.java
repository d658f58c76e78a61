package io.sessiongrid.node.session.process;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.store.DurableStore;

import java.util.Map;

/**
 * Merges a patch into a session's own state without an event: a new version, the update and access
 * times moved to now, the idle timeout restarted (running a processor on the key is an access), the
 * session's lifetime unchanged. A patch over the app's size limit changes nothing.
 * <p>
 * On a write-through map the patch goes to a copy: Hazelcast stores the new value before it replaces
 * the old one, so a store that refuses it leaves the session as it was.
 */
public final class PatchStateProcessor implements EntryProcessor<SessionKey, SessionRecord, PatchOutcome>,
        HazelcastInstanceAware {

    public static final long ANY_VERSION = AppendEventProcessor.ANY_VERSION;

    private final Map<String, byte[]> sessionDelta;
    private final long expectedVersion;
    private final long maxSessionBytes;
    private transient HazelcastInstance hazelcast;
    private transient PatchStateBackup backup;

    /** @param maxSessionBytes the app's limit on a session's size, 0 for none */
    public PatchStateProcessor(Map<String, byte[]> sessionDelta, long expectedVersion, long maxSessionBytes) {
        this.sessionDelta = sessionDelta;
        this.expectedVersion = expectedVersion;
        this.maxSessionBytes = maxSessionBytes;
    }

    public Map<String, byte[]> sessionDelta() {
        return sessionDelta;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public long maxSessionBytes() {
        return maxSessionBytes;
    }

    @Override
    public PatchOutcome process(Map.Entry<SessionKey, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        if (record == null) {
            return new PatchOutcome(PatchOutcome.Status.NOT_FOUND, -1, 0);
        }
        long current = record.version();
        if (expectedVersion != ANY_VERSION && expectedVersion != current) {
            return new PatchOutcome(PatchOutcome.Status.VERSION_MISMATCH, current, 0);
        }
        long size = record.sizeAfter(sessionDelta);
        if (maxSessionBytes > 0 && size > maxSessionBytes) {
            return new PatchOutcome(PatchOutcome.Status.REFUSED, current, size);
        }
        double now = System.currentTimeMillis() / 1000.0;
        SessionRecord patched = DurableStore.writeThrough(hazelcast, entry.getKey().app()) ? record.copy() : record;
        patched.patch(sessionDelta, current + 1, now);
        // The session's lifetime runs from its create: a plain setValue would restart the TTL.
        ((ExtendedMapEntry<SessionKey, SessionRecord>) entry).setValueWithoutChangingExpiryTime(patched);
        backup = new PatchStateBackup(sessionDelta, current + 1, now);
        return new PatchOutcome(PatchOutcome.Status.PATCHED, current + 1, 0);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        hazelcast = instance;
    }

    @Override
    public EntryProcessor<SessionKey, SessionRecord, PatchOutcome> getBackupProcessor() {
        return backup;
    }
}
