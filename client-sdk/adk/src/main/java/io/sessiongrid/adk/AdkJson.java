package io.sessiongrid.adk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON from the grid in the form ADK reads. The SDK keeps decimals exact ({@code 2.50} stays
 * {@code 2.50}), but ADK's own parser gives a {@code Double} for every fraction, and a state value or a
 * function call argument read as {@code BigDecimal} would not equal the value the agent wrote.
 */
final class AdkJson {

    private AdkJson() {
    }

    /** A copy of {@code json} with every decimal as a double (scalars that need no change are shared). */
    static JsonNode withDoubles(JsonNode json) {
        if (json == null) {
            return null;
        }
        if (json.isBigDecimal()) {
            return DoubleNode.valueOf(json.doubleValue());
        }
        if (json.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            json.properties().forEach(field -> copy.set(field.getKey(), withDoubles(field.getValue())));
            return copy;
        }
        if (json.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(json.size());
            json.forEach(element -> copy.add(withDoubles(element)));
            return copy;
        }
        return json;
    }
}
