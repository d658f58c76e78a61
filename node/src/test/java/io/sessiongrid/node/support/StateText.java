package io.sessiongrid.node.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessiongrid.node.session.SessionBeans;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** State as tests write and compare it: JSON text in, encoded values back to text. */
public final class StateText {

    private StateText() {
    }

    public static ObjectNode obj(String json) {
        try {
            return (ObjectNode) new SessionBeans().stateJson().mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static Map<String, String> text(Map<String, byte[]> state) {
        Map<String, String> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }
}
