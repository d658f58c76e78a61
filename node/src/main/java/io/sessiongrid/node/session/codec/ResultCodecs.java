package io.sessiongrid.node.session.codec;

import com.hazelcast.nio.serialization.compact.CompactSerializer;
import io.sessiongrid.node.session.model.EventSlice;
import io.sessiongrid.node.session.model.LayerValues;
import io.sessiongrid.node.session.model.SessionSummary;
import io.sessiongrid.node.session.model.SessionView;
import io.sessiongrid.node.session.process.AppendOutcome;

import static io.sessiongrid.node.session.codec.OperationCodecs.codec;

/** Compact forms of what operations answer. */
final class ResultCodecs {

    private ResultCodecs() {
    }

    static CompactSerializer<AppendOutcome> appendOutcome() {
        return codec("sessiongrid.AppendOutcome", AppendOutcome.class,
                r -> new AppendOutcome(AppendOutcome.Status.valueOf(r.readString("status")),
                        r.readInt64("version"), r.readInt64("eventVersion"), r.readFloat64("appendedAt"),
                        r.readArrayOfInt8("event")),
                (w, o) -> {
                    w.writeString("status", o.status().name());
                    w.writeInt64("version", o.version());
                    w.writeInt64("eventVersion", o.eventVersion());
                    w.writeFloat64("appendedAt", o.appendedAt());
                    w.writeArrayOfInt8("event", o.event());
                });
    }

    static CompactSerializer<LayerValues> layerValues() {
        return codec("sessiongrid.LayerValues", LayerValues.class,
                r -> new LayerValues(PackedFields.readBytesMap(r, "values")),
                (w, v) -> PackedFields.writeBytesMap(w, "values", v.values()));
    }

    static CompactSerializer<SessionView> sessionView() {
        return codec("sessiongrid.SessionView", SessionView.class,
                r -> new SessionView(r.readFloat64("createTime"), r.readFloat64("lastUpdateTime"),
                        r.readInt64("version"), PackedFields.readBytesMap(r, "state"),
                        PackedFields.readBytesList(r, "events")),
                (w, v) -> {
                    w.writeFloat64("createTime", v.createTime());
                    w.writeFloat64("lastUpdateTime", v.lastUpdateTime());
                    w.writeInt64("version", v.version());
                    PackedFields.writeBytesMap(w, "state", v.state());
                    PackedFields.writeBytesList(w, "events", v.events());
                });
    }

    static CompactSerializer<EventSlice> eventSlice() {
        return codec("sessiongrid.EventSlice", EventSlice.class,
                r -> new EventSlice(PackedFields.readBytesList(r, "events"), r.readInt32("nextIndex")),
                (w, s) -> {
                    PackedFields.writeBytesList(w, "events", s.events());
                    w.writeInt32("nextIndex", s.nextIndex());
                });
    }

    static CompactSerializer<SessionSummary> sessionSummary() {
        return codec("sessiongrid.SessionSummary", SessionSummary.class,
                r -> new SessionSummary(r.readString("userId"), r.readString("sessionId"),
                        r.readFloat64("createTime"), r.readFloat64("lastUpdateTime"), r.readInt64("version"),
                        PackedFields.readBytesMap(r, "state")),
                (w, s) -> {
                    w.writeString("userId", s.userId());
                    w.writeString("sessionId", s.sessionId());
                    w.writeFloat64("createTime", s.createTime());
                    w.writeFloat64("lastUpdateTime", s.lastUpdateTime());
                    w.writeInt64("version", s.version());
                    PackedFields.writeBytesMap(w, "state", s.state());
                });
    }
}
