package io.sessiongrid.node.session.process;

import com.hazelcast.aggregation.Aggregator;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the keys of sessions last used before {@code cutoff} where they live. An aggregation, not an
 * entry processor over every entry: that would count as an access to every session (restarting their
 * idle timeouts) and replay its verdict on backups, whose access times lag the primary's.
 */
public final class IdleSessionsAggregator implements Aggregator<Map.Entry<SessionKey, SessionRecord>, List<SessionKey>> {

    private final double cutoff;
    private final List<SessionKey> idle;

    public IdleSessionsAggregator(double cutoff, List<SessionKey> idle) {
        this.cutoff = cutoff;
        this.idle = new ArrayList<>(idle);
    }

    public double cutoff() {
        return cutoff;
    }

    public List<SessionKey> idle() {
        return idle;
    }

    @Override
    public void accumulate(Map.Entry<SessionKey, SessionRecord> entry) {
        SessionRecord record = entry.getValue();
        if (record != null && record.lastAccessTime() < cutoff) {
            idle.add(entry.getKey());
        }
    }

    @Override
    public void combine(Aggregator aggregator) {
        idle.addAll(((IdleSessionsAggregator) aggregator).idle);
    }

    @Override
    public List<SessionKey> aggregate() {
        return idle;
    }
}
