package io.sessiongrid.node.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bridge between the grid's encoded JSON values and jsonb columns. PostgreSQL prints jsonb with
 * spaces and in its own key order, so values read back are re-encoded compactly: sizes counted
 * against limits stay what they were before the restart.
 */
final class JsonbText {

    /** Exact decimals: jsonb keeps 2.50 as written, and so must the value read back. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonbText() {
    }

    /** An object of already-encoded JSON values, as text for a {@code ?::jsonb} parameter. */
    static String object(Map<String, byte[]> values) {
        StringWriter out = new StringWriter(64 + values.size() * 32);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, byte[]> e : values.entrySet()) {
                g.writeFieldName(e.getKey());
                g.writeRawValue(new String(e.getValue(), StandardCharsets.UTF_8));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The members of a jsonb object, each re-encoded compactly. */
    static LinkedHashMap<String, byte[]> members(String jsonb) {
        JsonNode node = tree(jsonb);
        LinkedHashMap<String, byte[]> out = new LinkedHashMap<>(node.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), compact(e.getValue()));
        }
        return out;
    }

    static JsonNode tree(String jsonb) {
        try {
            return MAPPER.readTree(jsonb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] compact(String jsonb) {
        return compact(tree(jsonb));
    }

    static byte[] compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
