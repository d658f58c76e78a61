package io.sessiongrid.node.session.process;

import com.hazelcast.map.EntryProcessor;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;

import java.util.Map;

/** Creates a session only if its key is free: the atomic "exists → 409" check. */
public final class CreateSessionProcessor implements EntryProcessor<SessionKey, SessionRecord, Boolean> {

    private final double createTime;
    private final Map<String, byte[]> state;
    /** Set on the backup copy: the primary already decided, the replica just follows. */
    private final boolean replica;
    private transient boolean created;

    public CreateSessionProcessor(double createTime, Map<String, byte[]> state, boolean replica) {
        this.createTime = createTime;
        this.state = state;
        this.replica = replica;
    }

    public double createTime() {
        return createTime;
    }

    public Map<String, byte[]> state() {
        return state;
    }

    public boolean replica() {
        return replica;
    }

    @Override
    public Boolean process(Map.Entry<SessionKey, SessionRecord> entry) {
        if (entry.getValue() != null && !replica) {
            return false;
        }
        entry.setValue(new SessionRecord(createTime, state));
        created = true;
        return true;
    }

    @Override
    public EntryProcessor<SessionKey, SessionRecord, Boolean> getBackupProcessor() {
        return created ? new CreateSessionProcessor(createTime, state, true) : null;
    }
}
