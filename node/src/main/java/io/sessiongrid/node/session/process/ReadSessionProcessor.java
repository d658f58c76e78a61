package io.sessiongrid.node.session.process;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import io.sessiongrid.node.session.model.EventWindow;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.model.SessionView;

import java.util.Map;

/**
 * Reads a session where it lives and ships back only the selected events, never the whole record.
 * A get is an access: Hazelcast restarts the idle timeout, the record notes the time for user limits.
 */
public record ReadSessionProcessor(EventWindow window)
        implements EntryProcessor<SessionKey, SessionRecord, SessionView>, ReadOnly {

    @Override
    public SessionView process(Map.Entry<SessionKey, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        if (record == null) {
            return null;
        }
        record.touch(System.currentTimeMillis() / 1000.0);
        return record.view(window);
    }

    @Override
    public EntryProcessor<SessionKey, SessionRecord, SessionView> getBackupProcessor() {
        return null;
    }
}
