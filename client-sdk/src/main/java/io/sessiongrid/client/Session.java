package io.sessiongrid.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessiongrid.client.internal.JsonMaps;
import java.util.List;
import java.util.Map;

/**
 * A session as the server returned it.
 *
 * @param id             session id
 * @param appName        app the session belongs to
 * @param userId         user the session belongs to
 * @param state          merged state: session keys, plus {@code app:<key>} and {@code user:<key>} keys
 * @param events         the session's events, oldest first (empty in listings)
 * @param createTime     seconds since the epoch
 * @param lastUpdateTime seconds since the epoch
 * @param version        the session's version, for optimistic concurrency on append
 */
public record Session(String id, String appName, String userId, Map<String, JsonNode> state,
                      List<Event> events, double createTime, double lastUpdateTime, long version) {

    public Session {
        state = JsonMaps.copyOf(state);
        events = events == null ? List.of() : List.copyOf(events);
    }
}
