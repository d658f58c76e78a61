package io.sessiongrid.client.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One call to the API, independent of which endpoint serves it, so the transport can send the very
 * same request (same body, same event id) to another node.
 *
 * <p>Whether the request may be sent again once it may have reached a node is stated by the caller at
 * each call site ({@link #IDEMPOTENT} or {@link #NOT_IDEMPOTENT}), not guessed from method or path: a
 * {@code DELETE} that answers a count is not safe to repeat, a {@code POST} that only reads is.
 *
 * @param method     HTTP method
 * @param target     encoded path and query
 * @param headers    request headers
 * @param body       request body, or {@code null} for none
 * @param idempotent whether applying the request twice has the same effect as applying it once, so the
 *                   transport may repeat it after a timeout or a 503
 */
public record ApiRequest(String method, ResourcePath target, Map<String, String> headers, byte[] body,
                         boolean idempotent) {

    /** For {@code idempotent}: the request may be repeated after it may have reached a node. */
    public static final boolean IDEMPOTENT = true;
    /** For {@code idempotent}: the request is repeated only when it certainly reached no node. */
    public static final boolean NOT_IDEMPOTENT = false;

    private static final String ACCEPT = "application/json, application/problem+json";

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static ApiRequest get(ResourcePath target, boolean idempotent) {
        return new ApiRequest("GET", target, Map.of("Accept", ACCEPT), null, idempotent);
    }

    public static ApiRequest delete(ResourcePath target, boolean idempotent) {
        return new ApiRequest("DELETE", target, Map.of("Accept", ACCEPT), null, idempotent);
    }

    /** A POST that carries no body, for actions such as {@code :touch} whose path says everything. */
    public static ApiRequest post(ResourcePath target, boolean idempotent) {
        return new ApiRequest("POST", target, Map.of("Accept", ACCEPT), null, idempotent);
    }

    public static ApiRequest postJson(ResourcePath target, byte[] json, boolean idempotent) {
        return withJson("POST", target, json, idempotent);
    }

    /** A PUT that replaces a sub-resource, such as a session's worker, with the given JSON. */
    public static ApiRequest putJson(ResourcePath target, byte[] json, boolean idempotent) {
        return withJson("PUT", target, json, idempotent);
    }

    /** A PATCH with a JSON Merge Patch (RFC 7396) document: members set, nulls remove. */
    public static ApiRequest patchJson(ResourcePath target, byte[] json, boolean idempotent) {
        return withJson("PATCH", target, json, idempotent).withHeader("Content-Type", "application/merge-patch+json");
    }

    public ApiRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiRequest(method, target, more, body, idempotent);
    }

    private static ApiRequest withJson(String method, ResourcePath target, byte[] json, boolean idempotent) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", ACCEPT);
        headers.put("Content-Type", "application/json");
        return new ApiRequest(method, target, headers, Objects.requireNonNull(json, "json"), idempotent);
    }

    @Override
    public String toString() {
        return method + " " + target;
    }
}
