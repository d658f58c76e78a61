package io.sessiongrid.node.session.process;

import com.hazelcast.map.EntryProcessor;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;

import java.util.Map;

/**
 * Removes the session it runs on if it is still unused since {@code cutoff} (it may have been used
 * since it was found idle). The primary decides; backups only follow a removal, since their access
 * times lag the primary's.
 */
public final class SweepIdleProcessor implements EntryProcessor<SessionKey, SessionRecord, Boolean> {

    private final double cutoff;
    private transient boolean removed;

    public SweepIdleProcessor(double cutoff) {
        this.cutoff = cutoff;
    }

    public double cutoff() {
        return cutoff;
    }

    @Override
    public Boolean process(Map.Entry<SessionKey, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        if (record == null || record.lastAccessTime() >= cutoff) {
            return Boolean.FALSE;
        }
        entry.setValue(null);
        removed = true;
        return Boolean.TRUE;
    }

    @Override
    public EntryProcessor<SessionKey, SessionRecord, Boolean> getBackupProcessor() {
        return removed ? new DeleteSessionProcessor() : null;
    }
}
