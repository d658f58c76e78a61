package io.sessiongrid.node.session.codec;

import com.hazelcast.config.CompactSerializationConfig;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.compact.CompactSerializer;

import java.util.List;

/**
 * Registers the Compact serializers of everything Session Grid keeps in or sends through the grid.
 * Compact gives schema evolution across node versions, which a rolling upgrade needs.
 */
public final class GridSerialization {

    private GridSerialization() {
    }

    public static void register(SerializationConfig config) {
        register(config, List.of());
    }

    /**
     * As {@link #register(SerializationConfig)}, with some codecs replaced by another node version's (a
     * serializer in {@code otherVersions} replaces this build's for the same class): how tests run an
     * older or newer member beside this one.
     */
    static void register(SerializationConfig config, List<CompactSerializer<?>> otherVersions) {
        CompactSerializationConfig compact = config.getCompactSerializationConfig();
        for (CompactSerializer<?> serializer : thisVersion()) {
            compact.addSerializer(otherVersions.stream()
                    .filter(other -> other.getCompactClass() == serializer.getCompactClass())
                    .findFirst().orElse(serializer));
        }
    }

    private static List<CompactSerializer<?>> thisVersion() {
        return List.of(
                new KeyCodecs.SessionKeyCodec(),
                new KeyCodecs.UserKeyCodec(),
                new StoredCodecs.SessionRecordCodec(),
                new StoredCodecs.LayerStateCodec(),
                OperationCodecs.append(),
                OperationCodecs.appendBackup(),
                OperationCodecs.patchState(),
                OperationCodecs.patchStateBackup(),
                OperationCodecs.readSession(),
                OperationCodecs.readEvents(),
                OperationCodecs.applyLayerDelta(),
                OperationCodecs.touchSession(),
                OperationCodecs.touchBackup(),
                OperationCodecs.deleteSession(),
                OperationCodecs.userSessions(),
                ResultCodecs.userSessions(),
                OperationCodecs.readLayer(),
                OperationCodecs.ownedSessionCounts(),
                OperationCodecs.sessionPage(),
                ResultCodecs.layerValues(),
                ResultCodecs.appendOutcome(),
                ResultCodecs.patchOutcome(),
                ResultCodecs.sessionView(),
                ResultCodecs.eventSlice(),
                ResultCodecs.sessionSummary(),
                RoutingCodecs.routeKey(),
                RoutingCodecs.route(),
                RoutingCodecs.routeEntry(),
                RoutingCodecs.setRoute(),
                RoutingCodecs.indexRoute(),
                RoutingCodecs.reassignRoute(),
                RoutingCodecs.reroute(),
                RoutingCodecs.removeRoute(),
                RoutingCodecs.workerPage(),
                RoutingCodecs.workerCounts(),
                RoutingCodecs.sweepIdle(),
                RoutingCodecs.idleSessions(),
                RoutingCodecs.lastAccess());
    }
}
