package io.sessiongrid.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessiongrid.client.internal.JsonCodec;
import io.sessiongrid.client.internal.JsonMaps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One event of a session, with the field names of Google ADK events. Fields this client does not know
 * are kept in {@code extra} and sent back unchanged, so events written by newer agents survive.
 *
 * <p>JSON values are not copied; treat them as immutable.
 *
 * @param id           unique within the session; the builder assigns a random UUID when none is set, so
 *                     sending the same built event again (a retry after a timeout) cannot append it twice
 * @param invocationId the agent invocation that produced the event
 * @param author       who produced the event, such as {@code user} or an agent's name
 * @param timestamp    seconds since the epoch, fractional; {@code null} lets the server set it
 * @param partial      {@code true} for a streamed fragment, which the server returns but does not store
 * @param content      the event's content as any JSON, or {@code null} when absent
 * @param actions      the event's actions, or {@code null} when absent
 * @param extra        unknown top-level fields, in their original order
 */
public record Event(String id, String invocationId, String author, Double timestamp, Boolean partial,
                    JsonNode content, EventActions actions, Map<String, JsonNode> extra) {

    private static final Set<String> FIELDS =
            Set.of("id", "invocationId", "author", "timestamp", "partial", "content", "actions");

    public Event {
        if (timestamp != null && !Double.isFinite(timestamp)) {
            throw new IllegalArgumentException("timestamp must be finite but was " + timestamp);
        }
        extra = JsonMaps.copyOf(extra);
        for (String name : extra.keySet()) {
            if (FIELDS.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is an Event component, not an extra field");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this event's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public Event withId(String newId) {
        return new Event(newId, invocationId, author, timestamp, partial, content, actions, extra);
    }

    /** The state delta of the actions; empty when there are none. */
    public Map<String, JsonNode> stateDelta() {
        return actions == null ? Map.of() : actions.stateDelta();
    }

    public boolean isPartial() {
        return Boolean.TRUE.equals(partial);
    }

    /**
     * Builds events from plain Java values, converted to JSON with Jackson ({@code valueToTree}); a
     * {@link JsonNode} is taken as is.
     */
    public static final class Builder {

        private static final JsonCodec JSON = new JsonCodec();

        private String id;
        private String invocationId;
        private String author;
        private Double timestamp;
        private Boolean partial;
        private JsonNode content;
        private boolean hasActions;
        private final Map<String, JsonNode> stateDelta = new LinkedHashMap<>();
        private final Map<String, JsonNode> otherActions = new LinkedHashMap<>();
        private final Map<String, JsonNode> extra = new LinkedHashMap<>();

        private Builder() {
        }

        private Builder(Event event) {
            id = event.id;
            invocationId = event.invocationId;
            author = event.author;
            timestamp = event.timestamp;
            partial = event.partial;
            content = event.content;
            actions(event.actions);
            extra.putAll(event.extra);
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder invocationId(String invocationId) {
            this.invocationId = invocationId;
            return this;
        }

        public Builder author(String author) {
            this.author = author;
            return this;
        }

        public Builder timestamp(Double timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder partial(Boolean partial) {
            this.partial = partial;
            return this;
        }

        /** Sets the content; {@code null} leaves it out (pass a {@code NullNode} for an explicit JSON null). */
        public Builder content(Object content) {
            this.content = content == null ? null : JSON.toTree(content);
            return this;
        }

        /** Replaces all actions; {@code null} leaves them out. */
        public Builder actions(EventActions actions) {
            stateDelta.clear();
            otherActions.clear();
            hasActions = actions != null;
            if (hasActions) {
                stateDelta.putAll(actions.stateDelta());
                otherActions.putAll(actions.other());
            }
            return this;
        }

        /** Adds a state change; a {@code null} value is sent as JSON null, which removes the key. */
        public Builder stateDelta(String key, Object value) {
            hasActions = true;
            stateDelta.put(key, JSON.toTree(value));
            return this;
        }

        /**
         * Removes a state key when the event is stored: the same as {@code stateDelta(key, null)} (a JSON
         * null in a state delta removes its key, in every layer: own, {@code user:} and {@code app:}).
         */
        public Builder removeState(String key) {
            return stateDelta(key, null);
        }

        /** Adds an action field other than the state delta, such as {@code transferToAgent}. */
        public Builder action(String name, Object value) {
            hasActions = true;
            otherActions.put(name, JSON.toTree(value));
            return this;
        }

        /** Adds a top-level field this client has no component for. */
        public Builder extra(String name, Object value) {
            extra.put(name, JSON.toTree(value));
            return this;
        }

        /** Builds the event, giving it a random UUID id when none was set. */
        public Event build() {
            EventActions builtActions = hasActions ? new EventActions(stateDelta, otherActions) : null;
            String eventId = id != null ? id : UUID.randomUUID().toString();
            return new Event(eventId, invocationId, author, timestamp, partial, content, builtActions, extra);
        }
    }
}
