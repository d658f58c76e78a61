package io.sessiongrid.node.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A file of the node's own, read once from the class path: the OpenAPI document and the console's
 * files. Answered with headers that keep a browser from guessing its type or framing it.
 */
public record StaticFile(byte[] bytes, String contentType) {

    /** Reads {@code resource}; a file the build did not put there is a packaging error (the controllers read at start). */
    public static StaticFile of(String resource, String contentType) {
        try (InputStream in = StaticFile.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The node jar lacks " + resource);
            }
            return new StaticFile(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public MutableHttpResponse<byte[]> response() {
        return HttpResponse.ok(bytes).contentType(contentType)
                .header("Cache-Control", "no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY");
    }
}
