package io.sessiongrid.adk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.adk.JsonBaseModel;
import com.google.adk.events.Event;
import com.google.adk.events.EventActions;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * ADK events to the grid's events and back. The fields the grid reads (id, author, timestamp, partial,
 * content, state delta) map to its own components; every other field of the event and of its actions
 * (artifact deltas, transfer, escalate, usage metadata, …) travels as JSON ADK wrote it, so it comes back
 * equal. Empty maps and lists in actions are left out (ADK reads their absence as the same empty default),
 * which keeps a plain event's stored JSON small.
 */
final class EventCodec {

    private static final ObjectMapper MAPPER = JsonBaseModel.getMapper();
    private static final String STATE_DELTA = "stateDelta";
    private static final Set<String> GRID_FIELDS =
            Set.of("id", "invocationId", "author", "timestamp", "partial", "content", "actions");

    private EventCodec() {
    }

    /** The event as the grid stores it: {@code temp:} keys left out, removals as JSON null, time in seconds. */
    static io.sessiongrid.client.Event toGrid(Event event) {
        ObjectNode json = MAPPER.valueToTree(event);
        io.sessiongrid.client.Event.Builder grid = io.sessiongrid.client.Event.builder()
                .id(event.id())
                .invocationId(event.invocationId())
                .author(event.author())
                .timestamp(Timestamps.toSeconds(event.timestamp()))
                .partial(event.partial().orElse(null))
                .content(present(json.get("content")));
        EventActions actions = event.actions();
        if (actions != null) {
            StateValues.storableDelta(actions.stateDelta()).forEach(grid::stateDelta);
            JsonNode actionsJson = json.get("actions");
            if (actionsJson instanceof ObjectNode other) {
                other.properties().forEach(field -> {
                    if (!STATE_DELTA.equals(field.getKey()) && carriesAction(field.getValue())) {
                        grid.action(field.getKey(), field.getValue());
                    }
                });
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!GRID_FIELDS.contains(field.getKey()) && present(field.getValue()) != null) {
                grid.extra(field.getKey(), field.getValue());
            }
        }
        return grid.build();
    }

    /** The grid's event as ADK's: a JSON null in the delta reads as {@link com.google.adk.sessions.State#REMOVED}. */
    static Event toAdk(io.sessiongrid.client.Event event) {
        ObjectNode json = MAPPER.createObjectNode();
        event.extra().forEach(json::set);
        json.put("id", event.id());
        if (event.invocationId() != null) {
            json.put("invocationId", event.invocationId());
        }
        if (event.author() != null) {
            json.put("author", event.author());
        }
        if (event.timestamp() != null) {
            json.put("timestamp", Timestamps.toMillis(event.timestamp()));
        }
        if (event.partial() != null) {
            json.put("partial", event.partial());
        }
        if (event.content() != null) {
            json.set("content", event.content());
        }
        if (event.actions() != null) {
            ObjectNode actions = json.putObject("actions");
            event.actions().other().forEach(actions::set);
            ObjectNode delta = actions.putObject(STATE_DELTA);
            event.actions().stateDelta().forEach(delta::set);  // ADK's builder reads null as State.REMOVED
        }
        return JsonBaseModel.fromJsonNode(AdkJson.withDoubles(json), Event.class);
    }

    private static JsonNode present(JsonNode value) {
        return value == null || value.isNull() ? null : value;
    }

    private static boolean carriesAction(JsonNode value) {
        return value != null && !value.isNull() && !(value.isContainerNode() && value.isEmpty());
    }
}
