package io.sessiongrid.node.session.codec;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sessiongrid.node.session.model.EventWindow;
import io.sessiongrid.node.session.model.Stamp;
import io.sessiongrid.node.session.process.AppendEventBackup;
import io.sessiongrid.node.session.process.AppendEventProcessor;
import io.sessiongrid.node.session.process.PatchStateBackup;
import io.sessiongrid.node.session.process.PatchStateProcessor;
import io.sessiongrid.node.session.apps.OwnedSessionCounts;
import io.sessiongrid.node.session.process.ApplyLayerDeltaProcessor;
import io.sessiongrid.node.session.process.DeleteSessionProcessor;
import io.sessiongrid.node.session.process.ReadEventsProcessor;
import io.sessiongrid.node.session.process.ReadLayerProcessor;
import io.sessiongrid.node.session.process.ReadSessionProcessor;
import io.sessiongrid.node.session.process.SessionLimits;
import io.sessiongrid.node.session.process.TouchBackup;
import io.sessiongrid.node.session.process.TouchSessionProcessor;
import io.sessiongrid.node.session.process.UserSessionsAggregator;
import io.sessiongrid.node.session.process.SessionPageAggregator;
import io.sessiongrid.node.session.model.SessionSummary;

import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Compact forms of the operations members send each other (entry processors, their backups, the
 * listing aggregator). Old and new nodes run side by side in a rolling upgrade, so these evolve like
 * stored data: add fields, never repurpose them.
 */
final class OperationCodecs {

    private OperationCodecs() {
    }

    /** A serializer from two lambdas: the operations are plain field carriers. */
    static <T> CompactSerializer<T> codec(String typeName, Class<T> type,
                                          Function<CompactReader, T> reader, BiConsumer<CompactWriter, T> writer) {
        return new CompactSerializer<>() {
            @Override
            public T read(CompactReader r) {
                return reader.apply(r);
            }

            @Override
            public void write(CompactWriter w, T value) {
                writer.accept(w, value);
            }

            @Override
            public String getTypeName() {
                return typeName;
            }

            @Override
            public Class<T> getCompactClass() {
                return type;
            }
        };
    }

    static CompactSerializer<AppendEventProcessor> append() {
        return codec("sessiongrid.AppendEvent", AppendEventProcessor.class,
                r -> new AppendEventProcessor(PackedFields.readEvent(r, "event"),
                        PackedFields.readBytesMap(r, "delta"), r.readInt64("expectedVersion"),
                        new SessionLimits(PackedFields.readInt64(r, "maxSessionBytes", 0),
                                PackedFields.readInt32(r, "maxEvents", 0),
                                PackedFields.readBoolean(r, "dropOldest", false))),
                (w, p) -> {
                    PackedFields.writeEvent(w, "event", p.event());
                    PackedFields.writeBytesMap(w, "delta", p.sessionDelta());
                    w.writeInt64("expectedVersion", p.expectedVersion());
                    w.writeInt64("maxSessionBytes", p.limits().maxSessionBytes());
                    w.writeInt32("maxEvents", p.limits().maxEvents());
                    w.writeBoolean("dropOldest", p.limits().dropOldest());
                });
    }

    static CompactSerializer<AppendEventBackup> appendBackup() {
        return codec("sessiongrid.AppendEventBackup", AppendEventBackup.class,
                r -> new AppendEventBackup(PackedFields.readEvent(r, "event"), PackedFields.readBytesMap(r, "delta"),
                        PackedFields.readInt32(r, "drop", 0)),
                (w, p) -> {
                    PackedFields.writeEvent(w, "event", p.event());
                    PackedFields.writeBytesMap(w, "delta", p.sessionDelta());
                    w.writeInt32("drop", p.drop());
                });
    }

    static CompactSerializer<PatchStateProcessor> patchState() {
        return codec("sessiongrid.PatchState", PatchStateProcessor.class,
                r -> new PatchStateProcessor(PackedFields.readBytesMap(r, "delta"), r.readInt64("expectedVersion"),
                        r.readInt64("maxSessionBytes")),
                (w, p) -> {
                    PackedFields.writeBytesMap(w, "delta", p.sessionDelta());
                    w.writeInt64("expectedVersion", p.expectedVersion());
                    w.writeInt64("maxSessionBytes", p.maxSessionBytes());
                });
    }

    static CompactSerializer<PatchStateBackup> patchStateBackup() {
        return codec("sessiongrid.PatchStateBackup", PatchStateBackup.class,
                r -> new PatchStateBackup(PackedFields.readBytesMap(r, "delta"), r.readInt64("version"), r.readFloat64("at")),
                (w, p) -> {
                    PackedFields.writeBytesMap(w, "delta", p.sessionDelta());
                    w.writeInt64("version", p.version());
                    w.writeFloat64("at", p.at());
                });
    }

    static CompactSerializer<ReadSessionProcessor> readSession() {
        return codec("sessiongrid.ReadSession", ReadSessionProcessor.class,
                r -> new ReadSessionProcessor(new EventWindow(r.readInt32("numRecentEvents"),
                        r.readFloat64("afterTimestamp")), PackedFields.readInt64(r, "appMaxIdleSeconds", 0),
                        PackedFields.readBoolean(r, "withUserLayer", false)),
                (w, p) -> {
                    w.writeInt32("numRecentEvents", p.window().numRecentEvents());
                    w.writeFloat64("afterTimestamp", p.window().afterTimestamp());
                    w.writeInt64("appMaxIdleSeconds", p.appMaxIdleSeconds());
                    w.writeBoolean("withUserLayer", p.withUserLayer());
                });
    }

    static CompactSerializer<ReadEventsProcessor> readEvents() {
        return codec("sessiongrid.ReadEvents", ReadEventsProcessor.class,
                r -> new ReadEventsProcessor(r.readInt32("fromIndex"), r.readInt32("pageSize"),
                        r.readFloat64("afterTimestamp"), PackedFields.readInt64(r, "appMaxIdleSeconds", 0)),
                (w, p) -> {
                    w.writeInt32("fromIndex", p.fromIndex());
                    w.writeInt32("pageSize", p.pageSize());
                    w.writeFloat64("afterTimestamp", p.afterTimestamp());
                    w.writeInt64("appMaxIdleSeconds", p.appMaxIdleSeconds());
                });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static CompactSerializer<ApplyLayerDeltaProcessor> applyLayerDelta() {
        return codec("sessiongrid.ApplyLayerDelta", ApplyLayerDeltaProcessor.class,
                r -> new ApplyLayerDeltaProcessor(PackedFields.readBytesMap(r, "delta"),
                        new Stamp(r.readFloat64("stampAt"), r.readString("stampOrigin"),
                                r.readInt64("stampVersion")), PackedFields.readBoolean(r, "answerLayer", false)),
                (w, p) -> {
                    PackedFields.writeBytesMap(w, "delta", p.delta());
                    w.writeBoolean("answerLayer", p.answerLayer());
                    w.writeFloat64("stampAt", p.stamp().at());
                    w.writeString("stampOrigin", p.stamp().origin());
                    w.writeInt64("stampVersion", p.stamp().version());
                });
    }

    static CompactSerializer<TouchSessionProcessor> touchSession() {
        return codec("sessiongrid.TouchSession", TouchSessionProcessor.class,
                r -> new TouchSessionProcessor(PackedFields.readInt64(r, "appMaxIdleSeconds", 0)),
                (w, p) -> w.writeInt64("appMaxIdleSeconds", p.appMaxIdleSeconds()));
    }

    static CompactSerializer<TouchBackup> touchBackup() {
        return codec("sessiongrid.TouchBackup", TouchBackup.class,
                r -> new TouchBackup(r.readFloat64("at")), (w, p) -> w.writeFloat64("at", p.at()));
    }

    static CompactSerializer<DeleteSessionProcessor> deleteSession() {
        return codec("sessiongrid.DeleteSession", DeleteSessionProcessor.class,
                r -> new DeleteSessionProcessor(), (w, p) -> w.writeInt32("formatVersion", 1));
    }

    static CompactSerializer<UserSessionsAggregator> userSessions() {
        return codec("sessiongrid.UserSessionsAggregator", UserSessionsAggregator.class,
                r -> new UserSessionsAggregator(r.readString("userId"), r.readInt32("victims"), r.readInt64("count"),
                        ResultCodecs.readUsed(r, "kept")),
                (w, a) -> {
                    w.writeString("userId", a.userId());
                    w.writeInt32("victims", a.victims());
                    w.writeInt64("count", a.count());
                    ResultCodecs.writeUsed(w, "kept", a.kept());
                });
    }

    static CompactSerializer<OwnedSessionCounts> ownedSessionCounts() {
        return codec("sessiongrid.OwnedSessionCounts", OwnedSessionCounts.class,
                r -> new OwnedSessionCounts(), (w, p) -> w.writeInt32("formatVersion", 1));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static CompactSerializer<ReadLayerProcessor> readLayer() {
        return codec("sessiongrid.ReadLayer", ReadLayerProcessor.class,
                r -> new ReadLayerProcessor(), (w, p) -> w.writeInt32("formatVersion", 1));
    }

    static CompactSerializer<SessionPageAggregator> sessionPage() {
        return codec("sessiongrid.SessionPage", SessionPageAggregator.class,
                r -> new SessionPageAggregator(r.readString("userId"), r.readString("afterSortKey"),
                        r.readInt32("limit"), Arrays.asList(r.readArrayOfCompact("collected", SessionSummary.class))),
                (w, a) -> {
                    w.writeString("userId", a.userId());
                    w.writeString("afterSortKey", a.afterSortKey());
                    w.writeInt32("limit", a.limit());
                    w.writeArrayOfCompact("collected", a.collected().toArray(new SessionSummary[0]));
                });
    }
}
