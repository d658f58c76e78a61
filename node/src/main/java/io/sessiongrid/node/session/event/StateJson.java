package io.sessiongrid.node.session.event;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessiongrid.node.session.SessionGridError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads JSON request bodies for the engine: parsing strictly, with exact decimals (1.10 stays 1.10),
 * refusing what the session store could not hold, and splitting state objects into layers by key prefix.
 */
public final class StateJson {

    private final ObjectMapper mapper;
    /** Request bodies: a key twice in one object is refused, at no cost (the tree sees the replaced value). */
    private final ObjectReader strict;

    public StateJson(ObjectMapper mapper) {
        this.mapper = mapper;
        this.strict = mapper.reader().with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Parses a request body that must be a JSON object; an empty body counts as {@code {}}. Strict, so that
     * a gateway reading the same bytes sees the same request: no content after the value, no key twice in
     * an object. Refuses anything a jsonb column could not hold ({@link JsonbLimits}), in every app, in
     * the same pass.
     */
    public ObjectNode parseObject(byte[] body, String what) {
        if (body == null || body.length == 0) {
            return mapper.createObjectNode();
        }
        JsonNode node;
        try (JsonParser parser = mapper.createParser(body)) {
            node = readStrictly(parser, what);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            return mapper.createObjectNode();
        }
        if (!node.isObject()) {
            throw SessionGridError.invalid(what + " must be a JSON object, not " + node.getNodeType().name().toLowerCase());
        }
        return (ObjectNode) node;
    }

    private JsonNode readStrictly(JsonParser parser, String what) throws IOException {
        try {
            JsonNode node = strict.readTree(new StorableJsonParser(parser, what));
            if (node != null && parser.nextToken() != null) {
                throw malformed(what + " has content after its JSON value", parser.currentTokenLocation());
            }
            return node;
        } catch (JsonProcessingException e) {
            // The tree reader's one input mismatch is a key given twice (FAIL_ON_READING_DUP_TREE_KEY).
            if (e instanceof MismatchedInputException && String.valueOf(e.getOriginalMessage()).startsWith("Duplicate")) {
                throw malformed(what + " has the key " + StorableJsonParser.shown(
                        parser.getParsingContext().pathAsPointer().toString()) + " twice", e.getLocation());
            }
            throw malformed(what + " is not valid JSON", e.getLocation());
        }
    }

    /** Parses JSON this node stored itself (checked when it came in, or written by an older version). */
    public ObjectNode parseStored(byte[] json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SessionGridError malformed(String detail, JsonLocation location) {
        return new SessionGridError(SessionGridError.Kind.MALFORMED_JSON, detail + (location == null ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
    }

    /** A field that must be a string when present; null when absent or JSON null. */
    public static String optionalText(ObjectNode object, String field, String what) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw SessionGridError.invalid(what + " field '" + field + "' must be a string");
        }
        return v.textValue();
    }

    /** A field that must be a whole number within int range when present; null when absent or JSON null. */
    public static Integer optionalInt(ObjectNode object, String field, String what) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw SessionGridError.invalid(what + " field '" + field + "' must be a whole number");
        }
        return v.intValue();
    }

    /** A field that must be an object when present; null when absent or JSON null. */
    public static ObjectNode optionalObject(ObjectNode object, String field, String what) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw SessionGridError.invalid(what + " field '" + field + "' must be an object");
        }
        return (ObjectNode) v;
    }

    public byte[] encode(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree must encode", e);
        }
    }

    /**
     * Splits a state object by prefix: {@code app:} and {@code user:} keys go to their layers without
     * the prefix, {@code temp:} keys are dropped (and removed from {@code state}), others stay with the session.
     */
    public StateDelta split(ObjectNode state, String what) {
        if (state == null || state.isEmpty()) {
            return StateDelta.EMPTY;
        }
        Map<String, byte[]> session = new LinkedHashMap<>();
        Map<String, byte[]> user = new LinkedHashMap<>();
        Map<String, byte[]> app = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = state.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (key.startsWith(StateDelta.TEMP_PREFIX)) {
                fields.remove();
            } else if (key.startsWith(StateDelta.APP_PREFIX)) {
                app.put(layerKey(key, StateDelta.APP_PREFIX, what), encode(field.getValue()));
            } else if (key.startsWith(StateDelta.USER_PREFIX)) {
                user.put(layerKey(key, StateDelta.USER_PREFIX, what), encode(field.getValue()));
            } else if (key.isEmpty()) {
                throw SessionGridError.invalid(what + " has an empty key");
            } else {
                session.put(key, encode(field.getValue()));
            }
        }
        return new StateDelta(session, user, app);
    }

    private static String layerKey(String key, String prefix, String what) {
        if (key.length() == prefix.length()) {
            throw SessionGridError.invalid(what + " key '" + key + "' has a prefix but no name");
        }
        return key.substring(prefix.length());
    }
}
