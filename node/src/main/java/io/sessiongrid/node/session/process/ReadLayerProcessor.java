package io.sessiongrid.node.session.process;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import io.sessiongrid.node.session.model.LayerState;
import io.sessiongrid.node.session.model.LayerValues;

import java.util.Map;

/** Reads a state layer's values where it lives, leaving the stamps behind. */
public record ReadLayerProcessor<K>() implements EntryProcessor<K, LayerState, LayerValues>, ReadOnly {

    @Override
    public LayerValues process(Map.Entry<K, LayerState> entry) {
        LayerState layer = entry.getValue();
        return layer == null ? LayerValues.EMPTY : new LayerValues(layer.values());
    }

    @Override
    public EntryProcessor<K, LayerState, LayerValues> getBackupProcessor() {
        return null;
    }
}
