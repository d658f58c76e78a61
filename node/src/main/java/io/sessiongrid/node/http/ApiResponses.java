package io.sessiongrid.node.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.sessiongrid.node.session.AppendResult;
import io.sessiongrid.node.session.SessionGridError;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.process.AppendEventProcessor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/** Small HTTP details shared by the controllers: JSON bodies, version ETags, path segments. */
public final class ApiResponses {

    private ApiResponses() {
    }

    static <T> MutableHttpResponse<T> json(MutableHttpResponse<T> response, long version) {
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.ETAG, etag(version));
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** Reads {@code If-Match}: a quoted (or bare) version number, or {@code *} for any version. */
    public static long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return AppendEventProcessor.ANY_VERSION;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            throw SessionGridError.invalid("If-Match needs a strong entity tag (RFC 9110 compares them strongly), like \"3\"");
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw SessionGridError.invalid("If-Match must be a session version as an entity tag, like \"3\"");
        }
    }

    /**
     * The headers of an append's answer, handed to {@code header} (no map per answer: both the controller
     * and the hot route write them straight into their response): its version when stored, and whether it
     * replayed or dropped events.
     */
    public static void appendHeaders(AppendResult result, BiConsumer<String, String> header) {
        if (result.stored()) {
            header.accept(HttpHeaders.ETAG, etag(result.version()));
        }
        if (result.replayed()) {
            header.accept(SessionController.REPLAYED_HEADER, "true");
        }
        if (result.droppedEvents() > 0) {
            header.accept(SessionController.DROPPED_HEADER, Integer.toString(result.droppedEvents()));
        }
    }

    /** Where a session created on the user-keyed routes lives. */
    public static String location(SessionKey key) {
        return "/v1/apps/" + segment(key.app()) + "/users/" + segment(key.userId()) + "/sessions/" + segment(key.sessionId());
    }

    /**
     * Encodes one path segment so any id (spaces, '/', '%', unicode) survives the round trip; "." and
     * ".." are encoded too, or a client would resolve them as dot-segments.
     */
    static String segment(String value) {
        if (value.equals(".") || value.equals("..")) {
            return value.replace(".", "%2E");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
