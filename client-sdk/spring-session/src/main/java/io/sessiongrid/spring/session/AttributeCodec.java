package io.sessiongrid.spring.session;

import com.fasterxml.jackson.databind.JsonNode;

/** How a session attribute is held in the grid: as one JSON value per attribute. */
public interface AttributeCodec {

    JsonNode encode(Object value);

    Object decode(JsonNode value);
}
