package io.sessiongrid.node.session.model;

import java.util.Map;

/** A state layer's current values (encoded JSON), without the stamps that order its writes. */
public record LayerValues(Map<String, byte[]> values) {

    public static final LayerValues EMPTY = new LayerValues(Map.of());
}
