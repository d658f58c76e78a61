package io.sessiongrid.client.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One call to the API, independent of which endpoint serves it, so the transport can send the very
 * same request (same body, same event id) to another node.
 *
 * @param method  HTTP method
 * @param target  encoded path and query
 * @param headers request headers
 * @param body    request body, or {@code null} for none
 */
public record ApiRequest(String method, ResourcePath target, Map<String, String> headers, byte[] body) {

    private static final String ACCEPT = "application/json, application/problem+json";

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static ApiRequest get(ResourcePath target) {
        return new ApiRequest("GET", target, Map.of("Accept", ACCEPT), null);
    }

    public static ApiRequest delete(ResourcePath target) {
        return new ApiRequest("DELETE", target, Map.of("Accept", ACCEPT), null);
    }

    /** A POST that carries no body, for actions such as {@code :touch} whose path says everything. */
    public static ApiRequest post(ResourcePath target) {
        return new ApiRequest("POST", target, Map.of("Accept", ACCEPT), null);
    }

    public static ApiRequest postJson(ResourcePath target, byte[] json) {
        return withJson("POST", target, json);
    }

    /** A PUT that replaces a sub-resource, such as a session's worker, with the given JSON. */
    public static ApiRequest putJson(ResourcePath target, byte[] json) {
        return withJson("PUT", target, json);
    }

    public ApiRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiRequest(method, target, more, body);
    }

    private static ApiRequest withJson(String method, ResourcePath target, byte[] json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", ACCEPT);
        headers.put("Content-Type", "application/json");
        return new ApiRequest(method, target, headers, Objects.requireNonNull(json, "json"));
    }

    @Override
    public String toString() {
        return method + " " + target;
    }
}
