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
 * @param extensions all other members (for example {@code currentVersion} or {@code instance})
 */
public record ProblemDetail(URI type, String title, int status, String detail, Map<String, JsonNode> extensions) {

    public ProblemDetail {
        extensions = JsonMaps.copyOf(extensions);
    }
}
