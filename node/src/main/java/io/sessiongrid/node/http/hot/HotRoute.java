package io.sessiongrid.node.http.hot;

import io.micronaut.core.annotation.Nullable;

import java.util.regex.Pattern;

/**
 * A request line the hot routes serve: a create ({@code POST /v1/apps/{app}/users/{userId}/sessions}), an
 * append ({@code POST /v1/apps/{app}/users/{userId}/sessions/{sessionId}/events}) or a read ({@code GET /v1/apps/{app}/users/{userId}/sessions/{sessionId}}, with {@code numRecentEvents} and
 * {@code afterTimestamp}). Recognized only when nothing in it needs decoding or could be read two ways: ids
 * of unreserved characters (and {@code @}), no dot-segments, query values in their plain form, each at most
 * once. Anything else is left to Micronaut's router, which answers it as it always has.
 *
 * @param numRecentEvents null when absent (a read only)
 * @param afterTimestamp  null when absent (a read only)
 */
record HotRoute(Kind kind, String app, String userId, @Nullable String sessionId,
                @Nullable Integer numRecentEvents, @Nullable Double afterTimestamp) {

    enum Kind { CREATE, APPEND, GET }

    private static final String PREFIX = "/v1/apps/";
    /** Longest numRecentEvents taken here; a longer one may not fit an int, and Micronaut answers it. */
    private static final int MAX_COUNT_DIGITS = 9;
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,30}(\\.[0-9]{1,30})?([eE][-+]?[0-9]{1,4})?");

    /** The route of {@code method uri}, or null when the request is not one the hot routes take. */
    static @Nullable HotRoute recognize(String method, String uri) {
        boolean post = method.equals("POST");
        if (!post && !method.equals("GET") || !uri.startsWith(PREFIX)) {
            return null;
        }
        int queryAt = uri.indexOf('?');
        String path = pathOf(uri);
        if (uri.indexOf('#') >= 0) {
            return null;
        }
        String[] parts = path.substring(PREFIX.length()).split("/", -1);
        if (post && parts.length == 4 && queryAt < 0 && parts[1].equals("users") && parts[3].equals("sessions")
                && plain(parts[0]) && plain(parts[2])) {
            return new HotRoute(Kind.CREATE, parts[0], parts[2], null, null, null);
        }
        boolean append = post && parts.length == 6 && parts[5].equals("events") && queryAt < 0;
        boolean read = !post && parts.length == 5;
        if (!append && !read || !parts[1].equals("users") || !parts[3].equals("sessions")
                || !plain(parts[0]) || !plain(parts[2]) || !plain(parts[4])) {
            return null;
        }
        if (append) {
            return new HotRoute(Kind.APPEND, parts[0], parts[2], parts[4], null, null);
        }
        return queryAt < 0 ? new HotRoute(Kind.GET, parts[0], parts[2], parts[4], null, null)
                : withQuery(parts, uri.substring(queryAt + 1));
    }

    /** The request target without its query, as error details name it. */
    static String pathOf(String uri) {
        int queryAt = uri.indexOf('?');
        return queryAt < 0 ? uri : uri.substring(0, queryAt);
    }

    private static HotRoute withQuery(String[] parts, String query) {
        String count = null;
        String after = null;
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                return null;
            }
            String name = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (name.equals("numRecentEvents") && count == null && isCount(value)) {
                count = value;
            } else if (name.equals("afterTimestamp") && after == null && DECIMAL.matcher(value).matches()) {
                after = value;
            } else {
                return null;
            }
        }
        return new HotRoute(Kind.GET, parts[0], parts[2], parts[4],
                count == null ? null : Integer.valueOf(count), after == null ? null : Double.valueOf(after));
    }

    private static boolean isCount(String value) {
        int start = value.startsWith("-") ? 1 : 0;
        int digits = value.length() - start;
        if (digits < 1 || digits > MAX_COUNT_DIGITS) {
            return false;
        }
        for (int i = start; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A path segment that is its own decoded value and no dot-segment. */
    static boolean plain(String segment) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '@';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
