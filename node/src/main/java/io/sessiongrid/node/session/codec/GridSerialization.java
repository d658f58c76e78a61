package io.sessiongrid.node.session.codec;

import com.hazelcast.config.CompactSerializationConfig;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import io.sessiongrid.node.session.model.SessionRecord;

/**
 * Registers the Compact serializers of everything Session Grid keeps in or sends through the grid.
 * Compact gives schema evolution across node versions, which a rolling upgrade needs.
 */
public final class GridSerialization {

    private GridSerialization() {
    }

    public static void register(SerializationConfig config) {
        register(config, new StoredCodecs.SessionRecordCodec());
    }

    /** As {@link #register(SerializationConfig)}, with another session record codec: a newer or older node's. */
    static void register(SerializationConfig config, CompactSerializer<SessionRecord> sessionRecords) {
        CompactSerializationConfig compact = config.getCompactSerializationConfig();
        compact.addSerializer(new KeyCodecs.SessionKeyCodec())
                .addSerializer(new KeyCodecs.UserKeyCodec())
                .addSerializer(sessionRecords)
                .addSerializer(new StoredCodecs.LayerStateCodec())
                .addSerializer(OperationCodecs.append())
                .addSerializer(OperationCodecs.appendBackup())
                .addSerializer(OperationCodecs.patchState())
                .addSerializer(OperationCodecs.patchStateBackup())
                .addSerializer(OperationCodecs.readSession())
                .addSerializer(OperationCodecs.readEvents())
                .addSerializer(OperationCodecs.applyLayerDelta())
                .addSerializer(OperationCodecs.touchSession())
                .addSerializer(OperationCodecs.touchBackup())
                .addSerializer(OperationCodecs.deleteSession())
                .addSerializer(OperationCodecs.userSessions())
                .addSerializer(ResultCodecs.userSessions())
                .addSerializer(OperationCodecs.readLayer())
                .addSerializer(OperationCodecs.sessionPage())
                .addSerializer(ResultCodecs.layerValues())
                .addSerializer(ResultCodecs.appendOutcome())
                .addSerializer(ResultCodecs.patchOutcome())
                .addSerializer(ResultCodecs.sessionView())
                .addSerializer(ResultCodecs.eventSlice())
                .addSerializer(ResultCodecs.sessionSummary())
                .addSerializer(RoutingCodecs.routeKey())
                .addSerializer(RoutingCodecs.route())
                .addSerializer(RoutingCodecs.routeEntry())
                .addSerializer(RoutingCodecs.setRoute())
                .addSerializer(RoutingCodecs.indexRoute())
                .addSerializer(RoutingCodecs.reassignRoute())
                .addSerializer(RoutingCodecs.reroute())
                .addSerializer(RoutingCodecs.removeRoute())
                .addSerializer(RoutingCodecs.workerPage())
                .addSerializer(RoutingCodecs.workerCounts())
                .addSerializer(RoutingCodecs.sweepIdle())
                .addSerializer(RoutingCodecs.idleSessions())
                .addSerializer(RoutingCodecs.lastAccess());
    }
}
