package io.sessiongrid.node.session.process;

import com.hazelcast.map.EntryProcessor;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;

import java.util.Map;

/**
 * Carries a read's access to the backup replicas: running it there restarts the entry's idle timeout
 * on the backup as the read did on the primary, so a promoted backup does not expire a session that
 * was in use. Sent at most every quarter of the idle timeout ({@link SessionRecord#dueForBackupTouch}).
 */
public record TouchBackup(double at) implements EntryProcessor<SessionKey, SessionRecord, Object> {

    /** Decides, on the primary, whether this access must reach the backups. */
    static EntryProcessor<SessionKey, SessionRecord, Object> ifDue(SessionRecord record, double now, long appMaxIdleSeconds) {
        return record.dueForBackupTouch(now, appMaxIdleSeconds) ? new TouchBackup(now) : null;
    }

    @Override
    public Object process(Map.Entry<SessionKey, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        if (record != null) {
            record.touch(at);
        }
        return null;
    }

    @Override
    public EntryProcessor<SessionKey, SessionRecord, Object> getBackupProcessor() {
        return null;
    }
}
