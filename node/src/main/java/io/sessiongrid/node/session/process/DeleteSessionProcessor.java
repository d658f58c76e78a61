package io.sessiongrid.node.session.process;

import com.hazelcast.map.EntryProcessor;
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
        entry.setValue(null);
        return Boolean.TRUE;
    }
}
