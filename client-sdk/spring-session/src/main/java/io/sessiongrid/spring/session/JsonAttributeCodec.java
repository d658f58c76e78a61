package io.sessiongrid.spring.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Attributes as readable JSON through a Jackson 2 {@link ObjectMapper} (an app on
 * {@code spring-boot-jackson2}; Boot 4's own mapper is Jackson 3's: {@link JacksonJsonAttributeCodec}):
 * each value is stored as {@code {"@class": "<type>", "value": <json>}} and read back as that type.
 * Suits strings, numbers, records and beans; collections come back with their elements as the mapper
 * reads untyped JSON. Values that need polymorphic typing (Spring Security's {@code SecurityContext})
 * need a mapper set up for it (Spring Security's Jackson modules), or the default
 * {@link JavaSerializationCodec}.
 */
public final class JsonAttributeCodec extends TypedJsonCodec {

    private final ObjectMapper mapper;

    public JsonAttributeCodec(ObjectMapper mapper, ClassLoader classLoader) {
        super(classLoader);
        this.mapper = mapper;
    }

    @Override
    JsonNode toTree(Object value) {
        return mapper.valueToTree(value);
    }

    @Override
    Object fromTree(JsonNode tree, Class<?> type) throws Exception {
        return mapper.treeToValue(tree, type);
    }
}
