package io.sessiongrid.node.session.process;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.model.UserKey;
import io.sessiongrid.node.store.DurableStore;
import io.sessiongrid.node.session.model.LayerState;
import io.sessiongrid.node.session.model.LayerValues;
import io.sessiongrid.node.session.model.Stamp;

import java.util.Map;

/**
 * Merges an app or user state delta into its layer, key by key, keeping the newer {@link Stamp}.
 * Replaying it (a client retry, or the backup) converges to the same values.
 * <p>
 * It answers with the number of keys it changed ({@link Integer}) or, when asked to {@link #answeringLayer},
 * with the layer's values as it leaves them ({@link LayerValues}): a create shows its merged state without
 * a read of each layer after the write. A member older than that flag ignores it and answers the count,
 * so a caller that asks for the layer must read it itself when a count comes back.
 */
public final class ApplyLayerDeltaProcessor<K> implements EntryProcessor<K, LayerState, Object>, HazelcastInstanceAware,
        AnswersInPlace<Object> {

    private final Map<String, byte[]> delta;
    private final Stamp stamp;
    private final boolean answerLayer;
    private transient int changed;
    private transient HazelcastInstance hazelcast;
    private transient AnswerSlot<Object> slot;

    public ApplyLayerDeltaProcessor(Map<String, byte[]> delta, Stamp stamp) {
        this(delta, stamp, false);
    }

    public ApplyLayerDeltaProcessor(Map<String, byte[]> delta, Stamp stamp, boolean answerLayer) {
        this.delta = delta;
        this.stamp = stamp;
        this.answerLayer = answerLayer;
    }

    /** A processor that answers with the layer's values after the delta. */
    public static <K> ApplyLayerDeltaProcessor<K> answeringLayer(Map<String, byte[]> delta, Stamp stamp) {
        return new ApplyLayerDeltaProcessor<>(delta, stamp, true);
    }

    public Map<String, byte[]> delta() {
        return delta;
    }

    public Stamp stamp() {
        return stamp;
    }

    public boolean answerLayer() {
        return answerLayer;
    }

    @Override
    public Object process(Map.Entry<K, LayerState> entry) {
        LayerState layer = entry.getValue();
        if (layer == null) {
            layer = new LayerState();
        } else if (writeThrough(entry.getKey())) {
            // Write-through: change a copy, so a failed store leaves the live layer as it was.
            layer = new LayerState(layer.stampedValues());
        }
        changed = layer.apply(delta, stamp);
        if (changed > 0) {
            entry.setValue(layer);
        }
        Object answer = answerLayer ? new LayerValues(layer.values()) : (Object) changed;
        return slot == null ? answer : slot.keep(answer);
    }

    @Override
    public void answerIn(AnswerSlot<Object> slot) {
        this.slot = slot;
    }

    /**
     * Whether this layer's store is write-through: a user layer's map is its app's own; the shared
     * app-state map is write-through when any app is, but a WRITE_BEHIND app's layer in it is written
     * behind (store.DeferredAppLayers), so its app's own durability decides.
     */
    private boolean writeThrough(Object key) {
        return key instanceof UserKey user
                ? DurableStore.writeThroughMap(hazelcast, SessionMaps.userStateMapName(user.app()))
                : DurableStore.writeThroughMap(hazelcast, SessionMaps.APP_STATE) && DurableStore.writeThrough(hazelcast, (String) key);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        hazelcast = instance;
    }

    @Override
    public EntryProcessor<K, LayerState, Object> getBackupProcessor() {
        return changed > 0 ? this : null;
    }
}
