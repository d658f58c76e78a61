package io.sessiongrid.node.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque, versioned page tokens. A token is a position (a sort key or an event index), not a
 * server-side cursor, so any node can continue any listing and nothing expires.
 */
final class PageTokens {

    private static final String SESSIONS = "s1:";
    private static final String EVENTS = "e1:";

    private PageTokens() {
    }

    static String sessions(String sortKey) {
        return encode(SESSIONS + sortKey);
    }

    static String sessionsAfter(String token) {
        return token == null ? null : decode(token, SESSIONS);
    }

    static String events(int index) {
        return encode(EVENTS + index);
    }

    static int eventsFrom(String token) {
        if (token == null) {
            return 0;
        }
        try {
            int index = Integer.parseInt(decode(token, EVENTS));
            if (index < 0) {
                throw invalid();
            }
            return index;
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token, String kind) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!raw.startsWith(kind)) {
            throw invalid();
        }
        return raw.substring(kind.length());
    }

    private static SessionGridError invalid() {
        return SessionGridError.invalid("pageToken is not a token this listing issued");
    }
}
