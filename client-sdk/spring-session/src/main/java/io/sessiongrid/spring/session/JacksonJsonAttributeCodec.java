package io.sessiongrid.spring.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Attributes as readable JSON through the application's Jackson 3 {@link JsonMapper} (Spring Boot 4's
 * own, with the modules and settings the app gave it; {@code java.time} values included), stored as
 * {@link JsonAttributeCodec} stores them. The grid client speaks Jackson 2 trees, so a value crosses as
 * JSON bytes once each way.
 */
public final class JacksonJsonAttributeCodec extends TypedJsonCodec {

    /** Only parses and writes trees: no value binding happens on this side. */
    private static final ObjectMapper TREES = new ObjectMapper();

    private final JsonMapper mapper;

    public JacksonJsonAttributeCodec(JsonMapper mapper, ClassLoader classLoader) {
        super(classLoader);
        this.mapper = mapper;
    }

    @Override
    JsonNode toTree(Object value) {
        try {
            return TREES.readTree(mapper.writeValueAsBytes(value));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("A session attribute of " + value.getClass().getName()
                    + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    Object fromTree(JsonNode tree, Class<?> type) throws Exception {
        return mapper.readValue(TREES.writeValueAsBytes(tree), type);
    }
}
