package io.sessiongrid.node.session.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessiongrid.node.session.IdRules;
import io.sessiongrid.node.session.SessionGridError;
import io.sessiongrid.node.session.SessionIds;

import java.math.BigDecimal;

/**
 * Validates an event body and brings it to its stored form: an id and a server timestamp when absent,
 * {@code temp:} keys removed from {@code actions.stateDelta}, every other field kept as sent.
 */
public final class EventNormalizer {

    private final StateJson json;
    private final IdRules ids;

    public EventNormalizer(StateJson json, IdRules ids) {
        this.json = json;
        this.ids = ids;
    }

    public IncomingEvent normalize(byte[] body, double nowSeconds) {
        ObjectNode event = json.parseObject(body, "The event");
        String id = StateJson.optionalText(event, "id", "Event");
        if (id == null) {
            id = SessionIds.newId();
            event.put("id", id);
        } else {
            ids.check("Event id", id);
        }
        StateJson.optionalText(event, "invocationId", "Event");
        StateJson.optionalText(event, "author", "Event");
        double timestamp = timestamp(event, nowSeconds);
        boolean partial = partial(event);
        ObjectNode stateDelta = stateDelta(event);
        StateDelta delta = json.split(stateDelta, "actions.stateDelta");
        return new IncomingEvent(id, timestamp, partial, json.encode(event), delta);
    }

    /** Re-reads an event already stored (a replayed append) to recover its layer deltas. */
    public IncomingEvent reread(byte[] storedJson) {
        ObjectNode event = json.parseStored(storedJson);
        return new IncomingEvent(event.path("id").asText(), event.path("timestamp").asDouble(),
                false, storedJson, json.split(stateDelta(event), "actions.stateDelta"));
    }

    private static double timestamp(ObjectNode event, double now) {
        JsonNode v = event.get("timestamp");
        if (v == null || v.isNull()) {
            // Plain notation: BigDecimal.valueOf(1.73245123E9) would be written as 1.73245123E+9.
            event.put("timestamp", new BigDecimal(BigDecimal.valueOf(now).toPlainString()));
            return now;
        }
        if (!v.isNumber()) {
            throw SessionGridError.invalid("Event field 'timestamp' must be a number (seconds since the epoch)");
        }
        double t = v.asDouble();
        if (!Double.isFinite(t) || t < 0) {
            throw SessionGridError.invalid("Event field 'timestamp' must be a finite, non-negative number");
        }
        return t;
    }

    private static boolean partial(ObjectNode event) {
        JsonNode v = event.get("partial");
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw SessionGridError.invalid("Event field 'partial' must be a boolean");
        }
        return v.booleanValue();
    }

    private static ObjectNode stateDelta(ObjectNode event) {
        ObjectNode actions = StateJson.optionalObject(event, "actions", "Event");
        return actions == null ? null : StateJson.optionalObject(actions, "stateDelta", "Event actions");
    }
}
