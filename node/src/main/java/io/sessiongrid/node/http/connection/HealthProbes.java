package io.sessiongrid.node.http.connection;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;

import java.util.Set;

/** What a health probe asks: GET or HEAD of {@code /health} or its liveness or readiness, exactly. */
final class HealthProbes {

    private static final Set<String> PATHS = Set.of("/health", "/health/liveness", "/health/readiness");

    private HealthProbes() {
    }

    static boolean isProbe(HttpRequest request) {
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            return false;
        }
        String uri = request.uri();
        int query = uri.indexOf('?');
        return PATHS.contains(query < 0 ? uri : uri.substring(0, query));
    }
}
