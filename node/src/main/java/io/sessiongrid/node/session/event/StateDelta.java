package io.sessiongrid.node.session.event;

import java.util.Map;

/**
 * A state change split by layer; values are encoded JSON. Keys of {@code user} and {@code app} carry
 * no prefix; {@code temp:} keys never get this far.
 */
public record StateDelta(Map<String, byte[]> session, Map<String, byte[]> user, Map<String, byte[]> app) {

    public static final StateDelta EMPTY = new StateDelta(Map.of(), Map.of(), Map.of());

    public static final String APP_PREFIX = "app:";
    public static final String USER_PREFIX = "user:";
    public static final String TEMP_PREFIX = "temp:";

    public boolean isEmpty() {
        return session.isEmpty() && user.isEmpty() && app.isEmpty();
    }
}
