package io.sessiongrid.client.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * The base URI of one Session Grid node, such as {@code http://127.0.0.1:8080}. A base path is allowed
 * (for a node behind a path-routing proxy); trailing slashes are dropped so targets can be appended.
 *
 * @param base the normalized base URI, without trailing slash
 */
public record Endpoint(URI base) {

    public Endpoint {
        Objects.requireNonNull(base, "endpoint must not be null");
    }

    public static Endpoint of(URI uri) {
        Objects.requireNonNull(uri, "endpoint must not be null");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("endpoint must be an http or https URI: " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("endpoint must have a host: " + uri);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("endpoint must not have a query or fragment: " + uri);
        }
        String text = uri.toString();
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '/') {
            end--;
        }
        return new Endpoint(URI.create(text.substring(0, end)));
    }

    /** The absolute URI of an encoded request target on this node. */
    public URI resolve(ResourcePath target) {
        return URI.create(base + target.target());
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
