package io.sessiongrid.node.session.process;

import io.sessiongrid.node.session.model.SessionRecord;

/** Touches a session and answers when that was (server epoch seconds), or null when it is gone: a route lookup. */
public final class LastAccessProcessor extends SessionAccess<Double> {

    public LastAccessProcessor(long appMaxIdleSeconds) {
        super(appMaxIdleSeconds);
    }

    @Override
    protected Double read(SessionRecord record) {
        return record.lastAccessTime();
    }
}
