package io.sessiongrid.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Ordered, unmodifiable maps of JSON values, as held by the client's records. */
public final class JsonMaps {

    private JsonMaps() {
    }

    /** Copies in insertion order; a {@code null} map is empty and a {@code null} value becomes JSON null. */
    public static Map<String, JsonNode> copyOf(Map<String, ? extends JsonNode> values) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> copy.put(
                Objects.requireNonNull(key, "map keys must not be null"),
                value == null ? NullNode.getInstance() : value));
        return Collections.unmodifiableMap(copy);
    }

    /** The members of a JSON object in document order; a missing or null node gives an empty map. */
    public static Map<String, JsonNode> fieldsOf(JsonNode object) {
        if (object == null || object.isMissingNode() || object.isNull()) {
            return Map.of();
        }
        if (!object.isObject()) {
            throw new IllegalArgumentException("expected a JSON object but got " + object.getNodeType());
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            fields.put(field.getKey(), field.getValue());
        }
        return Collections.unmodifiableMap(fields);
    }
}
