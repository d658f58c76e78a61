package io.sessiongrid.node.session.codec;

import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.node.session.model.SessionTraits;
import io.sessiongrid.node.session.model.StoredEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs collections of JSON byte arrays into flat Compact fields (one concatenated byte array plus
 * lengths) instead of one nested object per value: fewer schema lookups, cheaper (de)serialization.
 */
final class PackedFields {

    private PackedFields() {
    }

    static void writeBytesList(CompactWriter w, String name, List<byte[]> values) {
        int total = 0;
        int[] lengths = new int[values.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = values.get(i).length;
            total += lengths[i];
        }
        byte[] data = new byte[total];
        int at = 0;
        for (byte[] v : values) {
            System.arraycopy(v, 0, data, at, v.length);
            at += v.length;
        }
        w.writeArrayOfInt8(name + "Data", data);
        w.writeArrayOfInt32(name + "Lengths", lengths);
    }

    static List<byte[]> readBytesList(CompactReader r, String name) {
        byte[] data = r.readArrayOfInt8(name + "Data");
        int[] lengths = r.readArrayOfInt32(name + "Lengths");
        List<byte[]> out = new ArrayList<>(lengths.length);
        int at = 0;
        for (int len : lengths) {
            byte[] v = new byte[len];
            System.arraycopy(data, at, v, 0, len);
            out.add(v);
            at += len;
        }
        return out;
    }

    static void writeBytesMap(CompactWriter w, String name, Map<String, byte[]> map) {
        w.writeArrayOfString(name + "Keys", map.keySet().toArray(new String[0]));
        writeBytesList(w, name, new ArrayList<>(map.values()));
    }

    static Map<String, byte[]> readBytesMap(CompactReader r, String name) {
        String[] keys = r.readArrayOfString(name + "Keys");
        List<byte[]> values = readBytesList(r, name);
        LinkedHashMap<String, byte[]> out = new LinkedHashMap<>(keys.length * 2);
        for (int i = 0; i < keys.length; i++) {
            out.put(keys[i], values.get(i));
        }
        return out;
    }

    static void writeEvents(CompactWriter w, String name, List<StoredEvent> events) {
        int n = events.size();
        String[] ids = new String[n];
        double[] timestamps = new double[n];
        long[] versions = new long[n];
        double[] appendedAt = new double[n];
        List<byte[]> json = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StoredEvent e = events.get(i);
            ids[i] = e.id();
            timestamps[i] = e.timestamp();
            versions[i] = e.version();
            appendedAt[i] = e.appendedAt();
            json.add(e.json());
        }
        w.writeArrayOfString(name + "Ids", ids);
        w.writeArrayOfFloat64(name + "Timestamps", timestamps);
        w.writeArrayOfInt64(name + "Versions", versions);
        w.writeArrayOfFloat64(name + "AppendedAt", appendedAt);
        writeBytesList(w, name, json);
    }

    static List<StoredEvent> readEvents(CompactReader r, String name) {
        String[] ids = r.readArrayOfString(name + "Ids");
        double[] timestamps = r.readArrayOfFloat64(name + "Timestamps");
        long[] versions = r.readArrayOfInt64(name + "Versions");
        // Added after the first format: older writers had no append time, their timestamps stand in.
        double[] appendedAt = r.getFieldKind(name + "AppendedAt") == FieldKind.ARRAY_OF_FLOAT64
                ? r.readArrayOfFloat64(name + "AppendedAt") : timestamps;
        List<byte[]> json = readBytesList(r, name);
        List<StoredEvent> out = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            out.add(new StoredEvent(ids[i], timestamps[i], versions[i], appendedAt[i], json.get(i)));
        }
        return out;
    }

    static void writeEvent(CompactWriter w, String name, StoredEvent e) {
        w.writeString(name + "Id", e.id());
        w.writeFloat64(name + "Timestamp", e.timestamp());
        w.writeInt64(name + "Version", e.version());
        w.writeFloat64(name + "AppendedAt", e.appendedAt());
        w.writeArrayOfInt8(name + "Json", e.json());
    }

    static StoredEvent readEvent(CompactReader r, String name) {
        double timestamp = r.readFloat64(name + "Timestamp");
        double appendedAt = r.getFieldKind(name + "AppendedAt") == FieldKind.FLOAT64
                ? r.readFloat64(name + "AppendedAt") : timestamp;
        return new StoredEvent(r.readString(name + "Id"), timestamp, r.readInt64(name + "Version"), appendedAt,
                r.readArrayOfInt8(name + "Json"));
    }

    /** Reads an int field that newer writers add, with the value older writers imply. */
    static int readInt32(CompactReader r, String name, int absent) {
        return r.getFieldKind(name) == FieldKind.INT32 ? r.readInt32(name) : absent;
    }

    static long readInt64(CompactReader r, String name, long absent) {
        return r.getFieldKind(name) == FieldKind.INT64 ? r.readInt64(name) : absent;
    }

    static double readFloat64(CompactReader r, String name, double absent) {
        return r.getFieldKind(name) == FieldKind.FLOAT64 ? r.readFloat64(name) : absent;
    }

    static boolean readBoolean(CompactReader r, String name, boolean absent) {
        return r.getFieldKind(name) == FieldKind.BOOLEAN ? r.readBoolean(name) : absent;
    }

    static void writeTraits(CompactWriter w, SessionTraits t) {
        w.writeInt32("ttlSeconds", t.ttlSeconds());
        w.writeInt32("maxIdleSeconds", t.maxIdleSeconds());
        w.writeInt64("sizeBytes", t.sizeBytes());
        w.writeFloat64("lastAccessTime", t.lastAccessTime());
    }

    static SessionTraits readTraits(CompactReader r) {
        return new SessionTraits(readInt32(r, "ttlSeconds", 0), readInt32(r, "maxIdleSeconds", 0),
                readInt64(r, "sizeBytes", 0), readFloat64(r, "lastAccessTime", 0));
    }
}
