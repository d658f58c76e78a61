package io.sessiongrid.client.internal;

import java.net.http.HttpHeaders;
import java.util.Objects;
import java.util.Optional;

/**
 * A response as received, before any interpretation.
 *
 * @param status  HTTP status code
 * @param headers response headers
 * @param body    response body, empty when there is none
 */
public record ApiResponse(int status, HttpHeaders headers, byte[] body) {

    public ApiResponse {
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }
}
