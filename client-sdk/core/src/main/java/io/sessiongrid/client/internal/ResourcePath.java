package io.sessiongrid.client.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A request target ({@code /a/b?x=1}) whose path segments and query values are percent-encoded, so ids
 * with spaces, {@code /}, {@code ..}, {@code %} or non-ASCII characters address exactly one resource.
 */
public final class ResourcePath {

    private final String path;
    private final List<String> query;

    private ResourcePath(String path, List<String> query) {
        this.path = path;
        this.query = query;
    }

    /** A path made of the given raw (unencoded) segments. */
    public static ResourcePath of(String... segments) {
        return new ResourcePath("", List.of()).child(segments);
    }

    /** This path with more raw segments appended. */
    public ResourcePath child(String... segments) {
        StringBuilder appended = new StringBuilder(path);
        for (String segment : segments) {
            appended.append('/').append(encodeSegment(segment));
        }
        return new ResourcePath(appended.toString(), query);
    }

    /**
     * This path with {@code :action} appended to its last segment, as in {@code sessions/{id}:touch}.
     * The colon is added unencoded after the already-encoded segment, so it marks the action while any
     * colon inside an id stays {@code %3A}: the id {@code a:touch} cannot be mistaken for an action.
     */
    public ResourcePath withAction(String action) {
        if (action.isEmpty()) {
            throw new IllegalArgumentException("action must not be empty");
        }
        if (path.isEmpty() || !query.isEmpty()) {
            throw new IllegalStateException("an action follows the last path segment and precedes any query");
        }
        return new ResourcePath(path + ':' + encode(action), query);
    }

    /** This path with a query parameter added; a {@code null} value leaves the parameter out. */
    public ResourcePath withQuery(String name, Object value) {
        if (value == null) {
            return this;
        }
        String parameter = encode(name) + "=" + encode(format(value));
        return new ResourcePath(path, Stream.concat(query.stream(), Stream.of(parameter)).toList());
    }

    /** The encoded target: path plus query string, ready to append to an endpoint's base URI. */
    public String target() {
        return query.isEmpty() ? path : path + query.stream().collect(Collectors.joining("&", "?", ""));
    }

    @Override
    public String toString() {
        return target();
    }

    /**
     * Encodes one path segment. The segments {@code .} and {@code ..} are encoded in full so that no
     * client, proxy or server treats them as relative references and removes them.
     */
    public static String encodeSegment(String segment) {
        if (segment.equals(".") || segment.equals("..")) {
            return segment.replace(".", "%2E");
        }
        return encode(segment);
    }

    // Everything except RFC 3986 unreserved characters is encoded: safe in both paths and query strings.
    private static String encode(String value) {
        StringBuilder encoded = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    // Plain decimal notation: 1.7E9 would be a surprising thing to put in a URL.
    private static String format(Object value) {
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).toPlainString();
        }
        return value.toString();
    }
}
