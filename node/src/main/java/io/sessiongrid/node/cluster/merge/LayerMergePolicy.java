package io.sessiongrid.node.cluster.merge;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import io.sessiongrid.node.session.model.LayerState;

/**
 * Heals a split brain for app and user state: both sides' keys survive, each key with the value of
 * its newer write (the same stamp order every write already follows), so no side's writes are lost
 * wholesale.
 */
public class LayerMergePolicy implements SplitBrainMergePolicy<LayerState, MergingValue<LayerState>, Object> {

    @Override
    public Object merge(MergingValue<LayerState> merging, MergingValue<LayerState> existing) {
        if (merging == null) {
            return existing.getRawValue();
        }
        if (existing == null) {
            return merging.getRawValue();
        }
        return LayerState.merged(existing.getDeserializedValue(), merging.getDeserializedValue());
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
