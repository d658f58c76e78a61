package io.sessiongrid.node.cluster.merge;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import io.sessiongrid.node.session.model.SessionRecord;

/**
 * Heals a split brain for sessions: the copy with the higher version wins (it holds more acknowledged
 * events); on equal versions the more recently used one. A session both sides appended to keeps only
 * the winner's log: logs cannot be interleaved without breaking versions, and split-brain
 * protection (when configured) keeps a minority side from taking such writes in the first place.
 */
public class SessionMergePolicy implements SplitBrainMergePolicy<SessionRecord, MergingValue<SessionRecord>, Object> {

    @Override
    public Object merge(MergingValue<SessionRecord> merging, MergingValue<SessionRecord> existing) {
        if (merging == null) {
            return existing.getRawValue();
        }
        if (existing == null) {
            return merging.getRawValue();
        }
        SessionRecord incoming = merging.getDeserializedValue();
        SessionRecord current = existing.getDeserializedValue();
        int byVersion = Long.compare(incoming.version(), current.version());
        boolean incomingWins = byVersion > 0 || (byVersion == 0 && incoming.lastAccessTime() > current.lastAccessTime());
        return incomingWins ? merging.getRawValue() : existing.getRawValue();
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // No state: members create the policy from its class name.
    }

    @Override
    public void readData(ObjectDataInput in) {
        // No state.
    }
}
