package io.sessiongrid.node.session.process;

import com.hazelcast.map.EntryProcessor;
import io.sessiongrid.node.session.model.LayerState;
import io.sessiongrid.node.session.model.Stamp;

import java.util.Map;

/**
 * Merges an app or user state delta into its layer, key by key, keeping the newer {@link Stamp}.
 * Replaying it (a client retry, or the backup) converges to the same values.
 */
public final class ApplyLayerDeltaProcessor<K> implements EntryProcessor<K, LayerState, Integer> {

    private final Map<String, byte[]> delta;
    private final Stamp stamp;
    private transient int changed;

    public ApplyLayerDeltaProcessor(Map<String, byte[]> delta, Stamp stamp) {
        this.delta = delta;
        this.stamp = stamp;
    }

    public Map<String, byte[]> delta() {
        return delta;
    }

    public Stamp stamp() {
        return stamp;
    }

    @Override
    public Integer process(Map.Entry<K, LayerState> entry) {
        LayerState layer = entry.getValue();
        if (layer == null) {
            layer = new LayerState();
        }
        changed = layer.apply(delta, stamp);
        if (changed > 0) {
            entry.setValue(layer);
        }
        return changed;
    }

    @Override
    public EntryProcessor<K, LayerState, Integer> getBackupProcessor() {
        return changed > 0 ? this : null;
    }
}
