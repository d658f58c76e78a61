package io.sessiongrid.node.session.process;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.LockAware;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;

import java.util.Map;

/** Removes the session it runs on; run over a user's partition it logs the user out everywhere. */
public record DeleteSessionProcessor() implements EntryProcessor<SessionKey, SessionRecord, Boolean> {

    @Override
    public Boolean process(Map.Entry<SessionKey, SessionRecord> entry) {
        if (entry.getValue() == null) {
            return Boolean.FALSE;
        }
        // A run over many entries does not wait for key locks (a run on one key does): a session that a
        // move or a timeout change holds is left for the caller to delete by its key once it is free.
        if (entry instanceof LockAware lockAware && Boolean.TRUE.equals(lockAware.isLocked())) {
            return Boolean.FALSE;
        }
        entry.setValue(null);
        return Boolean.TRUE;
    }
}
