package io.sessiongrid.node.session.process;

import com.hazelcast.map.EntryProcessor;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;

import java.util.Map;

/**
 * A read that counts as an access (get, event page, touch). Running an entry processor on a key is an
 * access to Hazelcast, so it restarts the idle timeout on the primary; the record notes the time for
 * the per-user limit. Not {@code ReadOnly}: when due, the access also goes to the backups
 * ({@link TouchBackup}), or a promoted backup would expire a session that was in use.
 *
 * @param <R> what the read returns; null when the session is absent
 */
public abstract class SessionAccess<R> implements EntryProcessor<SessionKey, SessionRecord, R>, AnswersInPlace<R> {

    private final long appMaxIdleSeconds;
    private transient EntryProcessor<SessionKey, SessionRecord, Object> backup;
    private transient AnswerSlot<R> slot;

    /** @param appMaxIdleSeconds the app's idle timeout (0 = none), for sessions without their own */
    protected SessionAccess(long appMaxIdleSeconds) {
        this.appMaxIdleSeconds = appMaxIdleSeconds;
    }

    public long appMaxIdleSeconds() {
        return appMaxIdleSeconds;
    }

    @Override
    public final R process(Map.Entry<SessionKey, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        if (record == null) {
            return null;
        }
        double now = System.currentTimeMillis() / 1000.0;
        double previousAccess = record.lastAccessTime();
        record.touch(now);
        backup = TouchBackup.ifDue(record, now, appMaxIdleSeconds);
        R answer = read(entry.getKey(), record, previousAccess);
        return slot == null ? answer : slot.keep(answer);
    }

    @Override
    public final void answerIn(AnswerSlot<R> slot) {
        this.slot = slot;
    }

    /** @param previousAccess the session's last access before this one */
    protected abstract R read(SessionKey key, SessionRecord record, double previousAccess);

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override
    public final EntryProcessor<SessionKey, SessionRecord, R> getBackupProcessor() {
        return (EntryProcessor) backup;
    }
}
