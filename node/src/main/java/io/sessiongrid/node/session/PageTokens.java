package io.sessiongrid.node.session;

import io.sessiongrid.node.config.LimitSettings;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Opaque, versioned page tokens. A token is a position (a sort key or an event index), not a
 * server-side cursor, so any node can continue any listing and nothing expires. It also carries a
 * checksum of what it pages (app, user, session), so a token handed to another listing is refused
 * instead of silently skipping or repeating entries.
 */
final class PageTokens {

    private static final String SESSIONS = "s1";
    private static final String EVENTS = "e1";

    private PageTokens() {
    }

    /** The page size a listing uses: the default when none is asked for, else one within the limits. */
    static int pageSize(Integer requested, LimitSettings limits) {
        if (requested == null) {
            return limits.defaultPageSize();
        }
        if (requested < 1 || requested > limits.maxPageSize()) {
            throw SessionGridError.invalid("pageSize must be between 1 and " + limits.maxPageSize());
        }
        return requested;
    }

    /** Identifies a listing: the parts are ids, which cannot contain NUL. */
    static String scope(String... parts) {
        CRC32 crc = new CRC32();
        crc.update(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }

    static String sessions(String scope, String sortKey) {
        return encode(SESSIONS, scope, sortKey);
    }

    static String sessionsAfter(String scope, String token) {
        return token == null ? null : decode(token, SESSIONS, scope);
    }

    static String events(String scope, int index) {
        return encode(EVENTS, scope, Integer.toString(index));
    }

    static int eventsFrom(String scope, String token) {
        if (token == null) {
            return 0;
        }
        try {
            int index = Integer.parseInt(decode(token, EVENTS, scope));
            if (index < 0) {
                throw invalid();
            }
            return index;
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static String encode(String kind, String scope, String position) {
        String raw = kind + ":" + scope + ":" + position;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token, String kind, String scope) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String prefix = kind + ":" + scope + ":";
        if (!raw.startsWith(prefix)) {
            throw invalid();
        }
        return raw.substring(prefix.length());
    }

    private static SessionGridError invalid() {
        return SessionGridError.invalid("pageToken was not issued for this listing");
    }
}
