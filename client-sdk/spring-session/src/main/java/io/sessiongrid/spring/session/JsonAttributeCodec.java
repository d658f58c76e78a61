package io.sessiongrid.spring.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Attributes as readable JSON through the application's {@link ObjectMapper}: each value is stored as
 * {@code {"@class": "<type>", "value": <json>}} and read back as that type. Suits strings, numbers,
 * records and beans; collections come back with their elements as the mapper reads untyped JSON.
 * Values that need polymorphic typing (Spring Security's {@code SecurityContext}) need a mapper set up
 * for it (Spring Security's Jackson modules), or the default {@link JavaSerializationCodec}.
 */
public final class JsonAttributeCodec implements AttributeCodec {

    private static final String CLASS = "@class";
    private static final String VALUE = "value";

    private final ObjectMapper mapper;
    private final ClassLoader classLoader;

    public JsonAttributeCodec(ObjectMapper mapper, ClassLoader classLoader) {
        this.mapper = mapper;
        this.classLoader = classLoader;
    }

    @Override
    public JsonNode encode(Object value) {
        ObjectNode wrapped = mapper.createObjectNode();
        wrapped.put(CLASS, value.getClass().getName());
        wrapped.set(VALUE, mapper.valueToTree(value));
        return wrapped;
    }

    @Override
    public Object decode(JsonNode value) {
        JsonNode type = value.get(CLASS);
        if (type == null || !type.isTextual()) {
            throw new IllegalStateException("A JSON session attribute must be {\"@class\", \"value\"}");
        }
        try {
            return mapper.treeToValue(value.get(VALUE), Class.forName(type.textValue(), false, classLoader));
        } catch (ClassNotFoundException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A session attribute of " + type.textValue() + " could not be read: "
                    + e.getMessage(), e);
        }
    }
}
