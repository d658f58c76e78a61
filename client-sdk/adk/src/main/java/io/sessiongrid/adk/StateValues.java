package io.sessiongrid.adk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.google.adk.JsonBaseModel;
import com.google.adk.sessions.State;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * State values between ADK's Java objects and the grid's JSON. A removal — {@link State#REMOVED}, a null,
 * or the sentinel's JSON form from an event ADK parsed — becomes JSON null, which removes the key in the
 * grid (merge-patch rule); a JSON null read back becomes {@link State#REMOVED} again.
 */
final class StateValues {

    // ADK's own mapper, so values (Optional, java.time, genai types) are written the way ADK writes them.
    private static final ObjectMapper MAPPER = JsonBaseModel.getMapper();

    /** How ADK writes {@link State#REMOVED} in JSON: an event parsed from JSON carries this string instead. */
    static final String REMOVED_JSON = MAPPER.valueToTree(State.REMOVED).asText();

    private StateValues() {
    }

    static boolean isRemoval(Object value) {
        return value == null || value == State.REMOVED || REMOVED_JSON.equals(value);
    }

    static boolean isTemp(String key) {
        return key.startsWith(State.TEMP_PREFIX);
    }

    static JsonNode toJson(Object value) {
        return isRemoval(value) ? NullNode.getInstance() : MAPPER.valueToTree(value);
    }

    static Object fromJson(JsonNode value) {
        if (value == null || value.isNull()) {
            return State.REMOVED;
        }
        try {
            return MAPPER.treeToValue(AdkJson.withDoubles(value), Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // A tree Jackson built itself always binds to Object.
            throw new IllegalStateException(e);
        }
    }

    /** The delta the grid stores: every key but {@code temp:} ones, removals as JSON null. */
    static Map<String, JsonNode> storableDelta(Map<String, Object> delta) {
        Map<String, JsonNode> storable = new LinkedHashMap<>();
        if (delta != null) {
            delta.forEach((key, value) -> {
                if (!isTemp(key)) {
                    storable.put(key, toJson(value));
                }
            });
        }
        return storable;
    }
}
