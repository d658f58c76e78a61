package io.sessiongrid.node.session.process;

import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;

/** Marks a session used and returns its version, or null when absent: touch, and the check a partial event needs. */
public final class TouchSessionProcessor extends SessionAccess<Long> {

    public TouchSessionProcessor(long appMaxIdleSeconds) {
        super(appMaxIdleSeconds);
    }

    @Override
    protected Long read(SessionKey key, SessionRecord record, double previousAccess) {
        return record.version();
    }
}
