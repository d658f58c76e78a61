package io.sessiongrid.node.session.process;

import io.sessiongrid.node.session.model.EventSlice;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;

/** Reads one page of a session's event log where it lives; like a get, it counts as an access. */
public final class ReadEventsProcessor extends SessionAccess<EventSlice> {

    private final int fromIndex;
    private final int pageSize;
    private final double afterTimestamp;

    public ReadEventsProcessor(int fromIndex, int pageSize, double afterTimestamp, long appMaxIdleSeconds) {
        super(appMaxIdleSeconds);
        this.fromIndex = fromIndex;
        this.pageSize = pageSize;
        this.afterTimestamp = afterTimestamp;
    }

    public int fromIndex() {
        return fromIndex;
    }

    public int pageSize() {
        return pageSize;
    }

    public double afterTimestamp() {
        return afterTimestamp;
    }

    @Override
    protected EventSlice read(SessionKey key, SessionRecord record, double previousAccess) {
        return record.slice(fromIndex, pageSize, afterTimestamp);
    }
}
