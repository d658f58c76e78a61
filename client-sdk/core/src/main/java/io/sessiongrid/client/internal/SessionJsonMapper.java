package io.sessiongrid.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionPage;
import java.util.ArrayList;
import java.util.List;

/** Reads sessions and session pages from the server's JSON. */
public final class SessionJsonMapper {

    private final EventJsonMapper events;

    public SessionJsonMapper(EventJsonMapper events) {
        this.events = events;
    }

    public Session read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("session must be a JSON object");
        }
        return new Session(
                node.path("id").textValue(),
                node.path("appName").textValue(),
                node.path("userId").textValue(),
                JsonMaps.fieldsOf(node.path("state")),
                events.readList(node.path("events")),
                node.path("createTime").asDouble(),
                node.path("lastUpdateTime").asDouble(),
                node.path("version").asLong(),
                // Older nodes omit the rest; they read as "none", 0 and null.
                JsonDurations.ofSeconds(node.path("ttlSeconds")),
                JsonDurations.ofSeconds(node.path("maxIdleSeconds")),
                node.path("sizeBytes").asLong(),
                node.path("workerId").textValue(),
                node.path("lastAccessTime").asDouble());
    }

    /** Reads {@code {"sessions": [...], "nextPageToken": ...}}. */
    public SessionPage readPage(JsonNode node) {
        List<Session> sessions = new ArrayList<>();
        for (JsonNode element : node.path("sessions")) {
            sessions.add(read(element));
        }
        return new SessionPage(sessions, node.path("nextPageToken").textValue());
    }
}
