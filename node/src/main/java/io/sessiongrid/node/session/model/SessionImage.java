package io.sessiongrid.node.session.model;

import java.util.List;
import java.util.Map;

/**
 * What the durable store needs of a session at one moment: its row, and only the events the store
 * does not hold yet, so a flush costs the same at 10 or 10,000 events.
 *
 * @param newEvents    events with a version above the one the store holds, in append order
 * @param firstKeptSeq the oldest event still in the log when DROP_OLDEST dropped events the store may
 *                     still hold (delete below it), or -1
 */
public record SessionImage(double createTime, double lastUpdateTime, long version, Map<String, byte[]> state,
                           List<StoredEvent> newEvents, long firstKeptSeq, SessionRecord.Lifecycle lifecycle) {
}
