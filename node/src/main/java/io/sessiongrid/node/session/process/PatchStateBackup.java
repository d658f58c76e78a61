package io.sessiongrid.node.session.process;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;

import java.util.Map;

/** Replays on the backup replica exactly the patch the primary made: same delta, version and time. */
public final class PatchStateBackup implements EntryProcessor<SessionKey, SessionRecord, PatchOutcome> {

    private final Map<String, byte[]> sessionDelta;
    private final long version;
    private final double at;

    public PatchStateBackup(Map<String, byte[]> sessionDelta, long version, double at) {
        this.sessionDelta = sessionDelta;
        this.version = version;
        this.at = at;
    }

    public Map<String, byte[]> sessionDelta() {
        return sessionDelta;
    }

    public long version() {
        return version;
    }

    public double at() {
        return at;
    }

    @Override
    public PatchOutcome process(Map.Entry<SessionKey, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        // A replica that already holds this version (or a later one) has seen the patch.
        if (record != null && record.version() < version) {
            record.patch(sessionDelta, version, at);
            ((ExtendedMapEntry<SessionKey, SessionRecord>) entry).setValueWithoutChangingExpiryTime(record);
        }
        return null;
    }

    @Override
    public EntryProcessor<SessionKey, SessionRecord, PatchOutcome> getBackupProcessor() {
        return null;
    }
}
