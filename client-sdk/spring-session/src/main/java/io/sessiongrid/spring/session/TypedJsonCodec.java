package io.sessiongrid.spring.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON encodings' stored form, whichever Jackson binds the values: each attribute is
 * {@code {"@class": "<type>", "value": <json>}} and reads back as that type, resolved with the
 * application's class loader.
 */
abstract class TypedJsonCodec implements AttributeCodec {

    private static final String CLASS = "@class";
    private static final String VALUE = "value";

    private final ClassLoader classLoader;

    TypedJsonCodec(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** The value as a JSON tree (the grid client's Jackson 2 trees). */
    abstract JsonNode toTree(Object value);

    /** The tree bound to the type; failures come out as unchecked exceptions. */
    abstract Object fromTree(JsonNode tree, Class<?> type) throws Exception;

    @Override
    public final JsonNode encode(Object value) {
        ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
        wrapped.put(CLASS, value.getClass().getName());
        wrapped.set(VALUE, toTree(value));
        return wrapped;
    }

    @Override
    public final Object decode(JsonNode value) {
        JsonNode type = value.get(CLASS);
        if (type == null || !type.isTextual()) {
            throw new IllegalStateException("A JSON session attribute must be {\"@class\", \"value\"}");
        }
        try {
            return fromTree(value.get(VALUE), Class.forName(type.textValue(), false, classLoader));
        } catch (Exception e) {
            throw new IllegalStateException("A session attribute of " + type.textValue() + " could not be read: "
                    + e.getMessage(), e);
        }
    }
}
