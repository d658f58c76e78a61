package io.sessiongrid.node.session.process;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;

import java.util.Map;

/**
 * Marks a session used and returns its version, or null when absent. Running any entry processor on
 * a key is an access to Hazelcast, so this also restarts the idle timeout: it serves touch and the
 * check a partial event still needs.
 */
public record TouchSessionProcessor() implements EntryProcessor<SessionKey, SessionRecord, Long>, ReadOnly {

    @Override
    public Long process(Map.Entry<SessionKey, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        if (record == null) {
            return null;
        }
        record.touch(System.currentTimeMillis() / 1000.0);
        return record.version();
    }

    @Override
    public EntryProcessor<SessionKey, SessionRecord, Long> getBackupProcessor() {
        return null;
    }
}
