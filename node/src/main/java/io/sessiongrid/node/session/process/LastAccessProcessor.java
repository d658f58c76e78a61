package io.sessiongrid.node.session.process;

import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;

/**
 * Touches a session and answers when it was used before this touch (server epoch seconds), so a
 * proxy sees how idle the session was; null when it is gone. Serves route lookups.
 */
public final class LastAccessProcessor extends SessionAccess<Double> {

    public LastAccessProcessor(long appMaxIdleSeconds) {
        super(appMaxIdleSeconds);
    }

    @Override
    protected Double read(SessionKey key, SessionRecord record, double previousAccess) {
        return previousAccess;
    }
}
