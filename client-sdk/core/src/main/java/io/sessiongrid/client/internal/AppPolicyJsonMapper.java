package io.sessiongrid.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessiongrid.client.AppPolicy;

/**
 * Reads an app's policy from the server's JSON. Leniently, like sessions: a member a node does not send
 * reads as 0, {@code false} or {@code null} rather than failing the call.
 */
public final class AppPolicyJsonMapper {

    public AppPolicy read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("policy must be a JSON object");
        }
        return new AppPolicy(
                node.path("app").textValue(),
                node.path("configured").asBoolean(),
                JsonDurations.ofSeconds(node.path("ttlSeconds")),
                JsonDurations.ofSeconds(node.path("maxIdleSeconds")),
                node.path("maxSessionsPerMember").asInt(),
                node.path("eviction").textValue(),
                node.path("backupCount").asInt(),
                node.path("asyncBackupCount").asInt(),
                node.path("maxSessionBytes").asLong(),
                node.path("maxEventBytes").asLong(),
                node.path("maxEvents").asInt(),
                node.path("eventsOverflow").textValue(),
                node.path("maxSessionsPerUser").asInt(),
                node.path("onUserLimit").textValue(),
                node.path("durability").textValue(),
                JsonDurations.ofSeconds(node.path("writeDelaySeconds")),
                JsonDurations.ofSeconds(node.path("eagerLoadWindowSeconds")));
    }
}
