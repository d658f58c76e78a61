package io.sessiongrid.node.session.process;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import io.sessiongrid.node.session.model.LayerState;
import io.sessiongrid.node.session.model.LayerValues;

import java.util.Map;

/** Reads a state layer's values where it lives, leaving the stamps behind. */
public final class ReadLayerProcessor<K> implements EntryProcessor<K, LayerState, LayerValues>, ReadOnly,
        AnswersInPlace<LayerValues> {

    private transient AnswerSlot<LayerValues> slot;

    @Override
    public void answerIn(AnswerSlot<LayerValues> slot) {
        this.slot = slot;
    }

    @Override
    public LayerValues process(Map.Entry<K, LayerState> entry) {
        LayerState layer = entry.getValue();
        LayerValues values = layer == null ? LayerValues.EMPTY : new LayerValues(layer.values());
        return slot == null ? values : slot.keep(values);
    }

    @Override
    public EntryProcessor<K, LayerState, LayerValues> getBackupProcessor() {
        return null;
    }
}
