package io.sessiongrid.node.session.codec;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.node.session.model.AppendPlan;
import io.sessiongrid.node.session.model.EventSlice;
import io.sessiongrid.node.session.model.LayerValues;
import io.sessiongrid.node.session.model.SessionSummary;
import io.sessiongrid.node.session.model.SessionView;
import io.sessiongrid.node.session.process.AppendOutcome;
import io.sessiongrid.node.session.process.PatchOutcome;
import io.sessiongrid.node.session.process.UserSessions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.sessiongrid.node.session.codec.OperationCodecs.codec;

/** Compact forms of what operations answer. */
final class ResultCodecs {

    private ResultCodecs() {
    }

    static CompactSerializer<AppendOutcome> appendOutcome() {
        return codec("sessiongrid.AppendOutcome", AppendOutcome.class,
                r -> new AppendOutcome(AppendOutcome.Status.valueOf(r.readString("status")),
                        r.readInt64("version"), r.readInt64("eventVersion"), r.readFloat64("appendedAt"),
                        r.readArrayOfInt8("event"), readPlan(r)),
                (w, o) -> {
                    w.writeString("status", o.status().name());
                    w.writeInt64("version", o.version());
                    w.writeInt64("eventVersion", o.eventVersion());
                    w.writeFloat64("appendedAt", o.appendedAt());
                    w.writeArrayOfInt8("event", o.event());
                    AppendPlan plan = o.plan();
                    w.writeBoolean("hasPlan", plan != null);
                    w.writeString("planLimit", plan == null ? null : plan.limit());
                    w.writeInt64("planMaximum", plan == null ? 0 : plan.maximum());
                    w.writeInt64("planSize", plan == null ? 0 : plan.size());
                    w.writeInt32("planDrop", plan == null ? 0 : plan.drop());
                });
    }

    static CompactSerializer<PatchOutcome> patchOutcome() {
        return codec("sessiongrid.PatchOutcome", PatchOutcome.class,
                r -> new PatchOutcome(PatchOutcome.Status.valueOf(r.readString("status")), r.readInt64("version"),
                        r.readInt64("size")),
                (w, o) -> {
                    w.writeString("status", o.status().name());
                    w.writeInt64("version", o.version());
                    w.writeInt64("size", o.size());
                });
    }

    private static AppendPlan readPlan(CompactReader r) {
        if (!PackedFields.readBoolean(r, "hasPlan", false)) {
            return null;
        }
        return new AppendPlan(r.readString("planLimit"), r.readInt64("planMaximum"), r.readInt64("planSize"),
                r.readInt32("planDrop"));
    }

    static CompactSerializer<UserSessions> userSessions() {
        return codec("sessiongrid.UserSessions", UserSessions.class,
                r -> new UserSessions(r.readInt64("count"), readUsed(r, "oldest")),
                (w, u) -> {
                    w.writeInt64("count", u.count());
                    writeUsed(w, "oldest", u.oldest());
                });
    }

    static void writeUsed(CompactWriter w, String name, List<UserSessions.Used> used) {
        w.writeArrayOfString(name + "Ids", used.stream().map(UserSessions.Used::sessionId).toArray(String[]::new));
        w.writeArrayOfFloat64(name + "LastAccess", used.stream().mapToDouble(UserSessions.Used::lastAccessTime).toArray());
    }

    static List<UserSessions.Used> readUsed(CompactReader r, String name) {
        String[] ids = r.readArrayOfString(name + "Ids");
        double[] at = r.readArrayOfFloat64(name + "LastAccess");
        List<UserSessions.Used> out = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            out.add(new UserSessions.Used(ids[i], at[i]));
        }
        return out;
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
                        PackedFields.readBytesList(r, "events"), PackedFields.readTraits(r),
                        PackedFields.readBoolean(r, "withUserLayer", false)
                                ? new LayerValues(PackedFields.readBytesMap(r, "userLayer")) : null),
                (w, v) -> {
                    w.writeFloat64("createTime", v.createTime());
                    w.writeFloat64("lastUpdateTime", v.lastUpdateTime());
                    w.writeInt64("version", v.version());
                    PackedFields.writeBytesMap(w, "state", v.state());
                    PackedFields.writeBytesList(w, "events", v.events());
                    PackedFields.writeTraits(w, v.traits());
                    w.writeBoolean("withUserLayer", v.userLayer() != null);
                    PackedFields.writeBytesMap(w, "userLayer", v.userLayer() == null ? Map.of() : v.userLayer().values());
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
                        PackedFields.readBytesMap(r, "state"), PackedFields.readTraits(r)),
                (w, s) -> {
                    w.writeString("userId", s.userId());
                    w.writeString("sessionId", s.sessionId());
                    w.writeFloat64("createTime", s.createTime());
                    w.writeFloat64("lastUpdateTime", s.lastUpdateTime());
                    w.writeInt64("version", s.version());
                    PackedFields.writeBytesMap(w, "state", s.state());
                    PackedFields.writeTraits(w, s.traits());
                });
    }
}
