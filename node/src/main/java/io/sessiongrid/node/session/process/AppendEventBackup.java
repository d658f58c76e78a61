package io.sessiongrid.node.session.process;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.model.StoredEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** Replays on the backup replica exactly the append the primary made, version included. */
public final class AppendEventBackup implements EntryProcessor<SessionKey, SessionRecord, AppendOutcome> {

    private static final Logger LOG = LoggerFactory.getLogger(AppendEventBackup.class);

    private final StoredEvent event;
    private final Map<String, byte[]> sessionDelta;
    private final int drop;

    /** @param drop the oldest events the primary dropped first */
    public AppendEventBackup(StoredEvent event, Map<String, byte[]> sessionDelta, int drop) {
        this.event = event;
        this.sessionDelta = sessionDelta;
        this.drop = drop;
    }

    public int drop() {
        return drop;
    }

    public StoredEvent event() {
        return event;
    }

    public Map<String, byte[]> sessionDelta() {
        return sessionDelta;
    }

    @Override
    public AppendOutcome process(Map.Entry<SessionKey, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        if (record == null) {
            // The replica missed the create: it now diverges from the primary until a migration copies it.
            LOG.warn("Backup of an append found no session record; the backup replica is incomplete");
            return null;
        }
        if (record.eventById(event.id()) != null) {
            return null;
        }
        record.append(event, sessionDelta, drop);
        ((ExtendedMapEntry<SessionKey, SessionRecord>) entry).setValueWithoutChangingExpiryTime(record);
        return null;
    }

    @Override
    public EntryProcessor<SessionKey, SessionRecord, AppendOutcome> getBackupProcessor() {
        return null;
    }
}
