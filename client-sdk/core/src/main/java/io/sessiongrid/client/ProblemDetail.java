package io.sessiongrid.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessiongrid.client.internal.JsonMaps;
import java.net.URI;
import java.util.Map;

/**
 * An RFC 9457 problem, as returned by a node with an error status. For an error response that is not a
 * problem document (say, from a proxy) the type is {@code about:blank}, the status is the HTTP status and
 * the detail is the start of the body.
 *
 * @param type       problem type URI, such as {@code https://sessiongrid.io/problems/session-not-found}
 * @param title      short summary, or {@code null}
 * @param status     HTTP status code
 * @param detail     explanation of this occurrence, or {@code null}
 * @param extensions all other members, as sent (for example {@code currentVersion}, {@code limit},
 *                   {@code maximum} or {@code instance})
 */
public record ProblemDetail(URI type, String title, int status, String detail, Map<String, JsonNode> extensions) {

    public ProblemDetail {
        extensions = JsonMaps.copyOf(extensions);
    }

    // Typed reads for the exceptions that expose extensions. A member of the wrong type reads as absent:
    // an odd error body must not turn into a second exception while the first one is being reported.

    /** The integral number extension {@code name}, or {@code null} if absent or not such a number. */
    Long longExtension(String name) {
        JsonNode value = extensions.get(name);
        return value != null && value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : null;
    }

    /** The string extension {@code name}, or {@code null} if absent or not a string. */
    String textExtension(String name) {
        JsonNode value = extensions.get(name);
        return value == null ? null : value.textValue();
    }
}
