package io.sessiongrid.node.session.process;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;

import java.util.Map;

/** The session's version, or null when absent: the cheap check a partial event still needs. */
public record ReadVersionProcessor() implements EntryProcessor<SessionKey, SessionRecord, Long>, ReadOnly {

    @Override
    public Long process(Map.Entry<SessionKey, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        return record == null ? null : record.version();
    }

    @Override
    public EntryProcessor<SessionKey, SessionRecord, Long> getBackupProcessor() {
        return null;
    }
}
