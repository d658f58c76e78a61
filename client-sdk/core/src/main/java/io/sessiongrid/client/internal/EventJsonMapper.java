package io.sessiongrid.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessiongrid.client.Event;
import io.sessiongrid.client.EventActions;
import io.sessiongrid.client.EventPage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps events to and from ADK-shaped JSON by hand, so that unknown fields, explicit nulls inside values
 * and decimal digits survive a round trip exactly.
 */
public final class EventJsonMapper {

    private static final String STATE_DELTA = "stateDelta";

    private final JsonCodec json;

    public EventJsonMapper(JsonCodec json) {
        this.json = json;
    }

    public ObjectNode write(Event event) {
        ObjectNode node = json.newObject();
        putText(node, "id", event.id());
        putText(node, "invocationId", event.invocationId());
        putText(node, "author", event.author());
        if (event.timestamp() != null) {
            node.put("timestamp", plainDecimal(event.timestamp()));
        }
        if (event.partial() != null) {
            node.put("partial", event.partial());
        }
        if (event.content() != null) {
            node.set("content", event.content());
        }
        if (event.actions() != null) {
            node.set("actions", write(event.actions()));
        }
        event.extra().forEach(node::set);
        return node;
    }

    public Event read(JsonNode node) {
        requireObject(node, "event");
        String id = null;
        String invocationId = null;
        String author = null;
        Double timestamp = null;
        Boolean partial = null;
        JsonNode content = null;
        EventActions actions = null;
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "id" -> id = value.textValue();
                case "invocationId" -> invocationId = value.textValue();
                case "author" -> author = value.textValue();
                case "timestamp" -> timestamp = value.isNumber() ? value.doubleValue() : null;
                case "partial" -> partial = value.isBoolean() ? value.booleanValue() : null;
                // Content is kept even when it is an explicit JSON null: absent and null differ.
                case "content" -> content = value;
                case "actions" -> actions = value.isNull() ? null : readActions(value);
                default -> extra.put(field.getKey(), value);
            }
        }
        return new Event(id, invocationId, author, timestamp, partial, content, actions, extra);
    }

    /** Reads {@code {"events": [...], "nextPageToken": ...}}. */
    public EventPage readPage(JsonNode node) {
        requireObject(node, "event page");
        return new EventPage(readList(node.path("events")), node.path("nextPageToken").textValue());
    }

    /** Reads a JSON array of events; a missing or null array is empty. */
    public List<Event> readList(JsonNode array) {
        List<Event> events = new ArrayList<>();
        for (JsonNode element : array) {
            events.add(read(element));
        }
        return events;
    }

    private ObjectNode write(EventActions actions) {
        ObjectNode node = json.newObject();
        // Always present, as in ADK's own serialization of EventActions.
        node.set(STATE_DELTA, json.newObject().setAll(actions.stateDelta()));
        actions.other().forEach(node::set);
        return node;
    }

    private EventActions readActions(JsonNode node) {
        requireObject(node, "event actions");
        Map<String, JsonNode> other = new LinkedHashMap<>(JsonMaps.fieldsOf(node));
        JsonNode stateDelta = other.remove(STATE_DELTA);
        return new EventActions(JsonMaps.fieldsOf(stateDelta), other);
    }

    private static void putText(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    // Plain digits (1700000000.25, not 1.70000000025E9) of the shortest decimal that reads back as the
    // same double.
    private static BigDecimal plainDecimal(double value) {
        BigDecimal decimal = new BigDecimal(Double.toString(value));
        return decimal.scale() < 0 ? decimal.setScale(0) : decimal;
    }

    private static void requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(what + " must be a JSON object");
        }
    }
}
