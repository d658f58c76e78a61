package io.sessiongrid.spring.session;

import java.util.List;

/**
 * Attribute names as state keys. The grid reads {@code app:}, {@code user:} and {@code temp:} as
 * layer prefixes; an attribute whose name starts with one (or with the escape) is stored behind a
 * {@code =}, so every attribute stays the session's own and comes back under its name.
 */
final class AttributeNames {

    private static final String ESCAPE = "=";
    private static final List<String> RESERVED = List.of("app:", "user:", "temp:", ESCAPE);

    private AttributeNames() {
    }

    static String toKey(String name) {
        for (String prefix : RESERVED) {
            if (name.startsWith(prefix)) {
                return ESCAPE + name;
            }
        }
        return name;
    }

    /** The attribute a state key holds, or null for a key of a shared layer (merged into reads). */
    static String fromKey(String key) {
        if (key.startsWith(ESCAPE)) {
            return key.substring(ESCAPE.length());
        }
        if (key.startsWith("app:") || key.startsWith("user:")) {
            return null;
        }
        return key;
    }
}
