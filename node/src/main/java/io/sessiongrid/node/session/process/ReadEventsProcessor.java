package io.sessiongrid.node.session.process;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import io.sessiongrid.node.session.model.EventSlice;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;

import java.util.Map;

/** Reads one page of a session's event log where it lives. */
public record ReadEventsProcessor(int fromIndex, int pageSize, double afterTimestamp)
        implements EntryProcessor<SessionKey, SessionRecord, EventSlice>, ReadOnly {

    @Override
    public EventSlice process(Map.Entry<SessionKey, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        return record == null ? null : record.slice(fromIndex, pageSize, afterTimestamp);
    }

    @Override
    public EntryProcessor<SessionKey, SessionRecord, EventSlice> getBackupProcessor() {
        return null;
    }
}
