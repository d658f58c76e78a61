package io.sessiongrid.spring.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Attributes as readable JSON through the application's Jackson 3 {@link JsonMapper} (Spring Boot 4's
 * own, with the modules and settings the app gave it; {@code java.time} values included): each value is
 * stored as {@code {"@class": "<type>", "value": <json>}} and read back as that type, like
 * {@link JsonAttributeCodec} does with a Jackson 2 mapper. The grid client speaks Jackson 2 trees, so a
 * value crosses as JSON bytes once each way.
 */
public final class JacksonJsonAttributeCodec implements AttributeCodec {

    private static final String CLASS = "@class";
    private static final String VALUE = "value";
    /** Only parses and builds trees: no value binding happens on this side. */
    private static final ObjectMapper TREES = new ObjectMapper();

    private final JsonMapper mapper;
    private final ClassLoader classLoader;

    public JacksonJsonAttributeCodec(JsonMapper mapper, ClassLoader classLoader) {
        this.mapper = mapper;
        this.classLoader = classLoader;
    }

    @Override
    public JsonNode encode(Object value) {
        ObjectNode wrapped = TREES.createObjectNode();
        wrapped.put(CLASS, value.getClass().getName());
        try {
            wrapped.set(VALUE, TREES.readTree(mapper.writeValueAsBytes(value)));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("A session attribute of " + value.getClass().getName()
                    + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return wrapped;
    }

    @Override
    public Object decode(JsonNode value) {
        JsonNode type = value.get(CLASS);
        if (type == null || !type.isTextual()) {
            throw new IllegalStateException("A JSON session attribute must be {\"@class\", \"value\"}");
        }
        try {
            byte[] json = TREES.writeValueAsBytes(value.get(VALUE));
            return mapper.readValue(json, Class.forName(type.textValue(), false, classLoader));
        } catch (ClassNotFoundException | JacksonException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A session attribute of " + type.textValue() + " could not be read: "
                    + e.getMessage(), e);
        }
    }
}
