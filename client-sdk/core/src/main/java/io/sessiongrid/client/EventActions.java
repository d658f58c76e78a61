package io.sessiongrid.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessiongrid.client.internal.JsonMaps;
import java.util.Map;

/**
 * What an event does besides recording content. Only the state delta means something to Session Grid;
 * every other action field (ADK's {@code transferToAgent}, {@code artifactDelta}, ...) is carried as is.
 *
 * @param stateDelta state changes, by key: {@code app:} and {@code user:} prefixes address the app and
 *                   user layers, {@code temp:} keys are never stored, other keys belong to the session
 * @param other      the other action fields, in their original order
 */
public record EventActions(Map<String, JsonNode> stateDelta, Map<String, JsonNode> other) {

    public EventActions {
        stateDelta = JsonMaps.copyOf(stateDelta);
        other = JsonMaps.copyOf(other);
        if (other.containsKey("stateDelta")) {
            throw new IllegalArgumentException("stateDelta belongs in its own component, not in other");
        }
    }

    public static EventActions empty() {
        return new EventActions(Map.of(), Map.of());
    }

    public static EventActions ofStateDelta(Map<String, ? extends JsonNode> stateDelta) {
        return new EventActions(JsonMaps.copyOf(stateDelta), Map.of());
    }
}
