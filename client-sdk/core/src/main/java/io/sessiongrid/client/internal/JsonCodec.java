package io.sessiongrid.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes JSON trees with number handling that keeps decimals exactly as sent
 * ({@code 1.10} stays {@code 1.10}), since state and content values belong to the caller.
 */
public final class JsonCodec {

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // The current form of JsonNodeFactory.withExactBigDecimals(true), deprecated since Jackson 2.15.
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public ObjectNode newObject() {
        return mapper.createObjectNode();
    }

    /** Converts a plain Java value (or a JsonNode, kept as is) to a tree; {@code null} becomes JSON null. */
    public JsonNode toTree(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        return mapper.valueToTree(value);
    }

    public byte[] write(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses one JSON value.
     *
     * @throws UncheckedIOException if the bytes are empty or not well-formed JSON
     */
    public JsonNode read(byte[] json) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            throw new UncheckedIOException(new IOException("empty body where JSON was expected"));
        }
        return node;
    }

    public JsonNode read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }
}
