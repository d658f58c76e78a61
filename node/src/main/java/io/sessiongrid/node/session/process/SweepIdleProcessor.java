package io.sessiongrid.node.session.process;

import com.hazelcast.map.EntryProcessor;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;

import java.util.Map;

/** Removes the session it runs on if nobody got, appended to or touched it since {@code cutoff}. */
public record SweepIdleProcessor(double cutoff) implements EntryProcessor<SessionKey, SessionRecord, Boolean> {

    @Override
    public Boolean process(Map.Entry<SessionKey, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        if (record == null || record.lastAccessTime() >= cutoff) {
            return null;
        }
        entry.setValue(null);
        return Boolean.TRUE;
    }
}
