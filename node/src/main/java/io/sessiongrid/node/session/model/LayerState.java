package io.sessiongrid.node.session.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * State shared beyond one session: an app's ({@code app:} keys) or a user's ({@code user:} keys).
 * Each value remembers the {@link Stamp} of the write that set it, so deltas may arrive late or twice
 * and still converge. Guarded by its own monitor for readers off the partition thread.
 */
public final class LayerState {

    private final LinkedHashMap<String, Value> values;

    public LayerState() {
        this.values = new LinkedHashMap<>();
    }

    public LayerState(Map<String, Value> values) {
        this.values = new LinkedHashMap<>(values);
    }

    /**
     * Applies each key whose current stamp is not newer; returns how many keys changed. A JSON null
     * removes the key but stays as a stamped tombstone, so a late, older write cannot bring it back.
     */
    public synchronized int apply(Map<String, byte[]> delta, Stamp stamp) {
        int changed = 0;
        for (Map.Entry<String, byte[]> e : delta.entrySet()) {
            Value current = values.get(e.getKey());
            if (current == null || current.stamp().compareTo(stamp) <= 0) {
                values.put(e.getKey(), new Value(e.getValue(), stamp));
                changed++;
            }
        }
        return changed;
    }

    /**
     * Both layers key by key, each key from the newer write (by stamp): the result of healing a split
     * brain, where each side kept taking writes.
     */
    public static LayerState merged(LayerState a, LayerState b) {
        LinkedHashMap<String, Value> out = new LinkedHashMap<>(a.stampedValues());
        b.stampedValues().forEach((k, v) -> out.merge(k, v, (x, y) -> x.stamp().compareTo(y.stamp()) >= 0 ? x : y));
        return new LayerState(out);
    }

    /** The current values without their stamps (removed keys left out). */
    public synchronized Map<String, byte[]> values() {
        LinkedHashMap<String, byte[]> out = new LinkedHashMap<>(values.size() * 2);
        values.forEach((k, v) -> {
            if (!JsonNull.is(v.json())) {
                out.put(k, v.json());
            }
        });
        return out;
    }

    /** Every key with its stamp, removed keys as tombstones (JSON null): what replicas and the store keep. */
    public synchronized Map<String, Value> stampedValues() {
        return new LinkedHashMap<>(values);
    }

    /** One key's encoded JSON value and the write that set it. */
    public record Value(byte[] json, Stamp stamp) {
    }
}
