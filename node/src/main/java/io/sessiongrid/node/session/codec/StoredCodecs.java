package io.sessiongrid.node.session.codec;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.node.session.model.LayerState;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.model.Stamp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compact forms of what sits in the grid. Evolve by adding fields only; a reader checks
 * {@code getFieldKind} for fields an older writer did not know (see {@link PackedFields#readInt32}).
 */
final class StoredCodecs {

    /** Bumped when the meaning of a stored field changes (not when a field is added). */
    static final int SESSION_FORMAT = 1;

    private StoredCodecs() {
    }

    static final class SessionRecordCodec implements CompactSerializer<SessionRecord> {
        @Override
        public SessionRecord read(CompactReader r) {
            int format = PackedFields.readInt32(r, "format", 1);
            if (format > SESSION_FORMAT) {
                throw new IllegalStateException("session record format " + format
                        + " is newer than this node understands (" + SESSION_FORMAT + ")");
            }
            return new SessionRecord(r.readFloat64("createTime"), r.readFloat64("lastUpdateTime"),
                    r.readInt64("version"), PackedFields.readBytesMap(r, "state"),
                    PackedFields.readEvents(r, "events"),
                    new SessionRecord.Lifecycle(PackedFields.readInt32(r, "ttlSeconds", 0),
                            PackedFields.readInt32(r, "maxIdleSeconds", 0),
                            PackedFields.readFloat64(r, "lastAccessTime", r.readFloat64("lastUpdateTime")),
                            PackedFields.readInt64(r, "droppedEvents", 0)));
        }

        @Override
        public void write(CompactWriter w, SessionRecord record) {
            SessionRecord.Parts p = record.parts();
            w.writeInt32("format", SESSION_FORMAT);
            w.writeFloat64("createTime", p.createTime());
            w.writeFloat64("lastUpdateTime", p.lastUpdateTime());
            w.writeInt64("version", p.version());
            PackedFields.writeBytesMap(w, "state", p.state());
            PackedFields.writeEvents(w, "events", p.events());
            w.writeInt32("ttlSeconds", p.lifecycle().ttlSeconds());
            w.writeInt32("maxIdleSeconds", p.lifecycle().maxIdleSeconds());
            w.writeFloat64("lastAccessTime", p.lifecycle().lastAccessTime());
            w.writeInt64("droppedEvents", p.lifecycle().droppedEvents());
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.SessionRecord";
        }

        @Override
        public Class<SessionRecord> getCompactClass() {
            return SessionRecord.class;
        }
    }

    static final class LayerStateCodec implements CompactSerializer<LayerState> {
        @Override
        public LayerState read(CompactReader r) {
            Map<String, byte[]> values = PackedFields.readBytesMap(r, "values");
            double[] timestamps = r.readArrayOfFloat64("stampTimestamps");
            String[] origins = r.readArrayOfString("stampOrigins");
            long[] versions = r.readArrayOfInt64("stampVersions");
            LinkedHashMap<String, LayerState.Value> out = new LinkedHashMap<>(values.size() * 2);
            int i = 0;
            for (Map.Entry<String, byte[]> e : values.entrySet()) {
                out.put(e.getKey(), new LayerState.Value(e.getValue(),
                        new Stamp(timestamps[i], origins[i], versions[i])));
                i++;
            }
            return new LayerState(out);
        }

        @Override
        public void write(CompactWriter w, LayerState layer) {
            Map<String, LayerState.Value> values = layer.stampedValues();
            int n = values.size();
            LinkedHashMap<String, byte[]> json = new LinkedHashMap<>(n * 2);
            double[] timestamps = new double[n];
            String[] origins = new String[n];
            long[] versions = new long[n];
            int i = 0;
            for (Map.Entry<String, LayerState.Value> e : values.entrySet()) {
                json.put(e.getKey(), e.getValue().json());
                Stamp s = e.getValue().stamp();
                timestamps[i] = s.at();
                origins[i] = s.origin();
                versions[i] = s.version();
                i++;
            }
            PackedFields.writeBytesMap(w, "values", json);
            w.writeArrayOfFloat64("stampTimestamps", timestamps);
            w.writeArrayOfString("stampOrigins", origins);
            w.writeArrayOfInt64("stampVersions", versions);
        }

        @Override
        public String getTypeName() {
            return "sessiongrid.LayerState";
        }

        @Override
        public Class<LayerState> getCompactClass() {
            return LayerState.class;
        }
    }

}
