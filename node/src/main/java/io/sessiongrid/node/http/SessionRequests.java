package io.sessiongrid.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.sessiongrid.node.session.RequestedExpiry;
import io.sessiongrid.node.session.SessionGridError;
import io.sessiongrid.node.session.event.StateJson;
import io.sessiongrid.node.session.model.EventWindow;

import java.nio.charset.StandardCharsets;

/** The request parts the user-keyed and the id-keyed session routes share. */
public final class SessionRequests {

    /** Media type of a JSON Merge Patch (RFC 7396); plain JSON is accepted as well. */
    public static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private SessionRequests() {
    }

    static RequestedExpiry expiry(ObjectNode request) {
        return new RequestedExpiry(StateJson.optionalInt(request, "ttlSeconds", "Request"),
                StateJson.optionalInt(request, "maxIdleSeconds", "Request"));
    }

    /** A create's body: {@code sessionId}, {@code state}, {@code ttlSeconds}, {@code maxIdleSeconds}, {@code workerId}, all optional. */
    public record NewSession(String sessionId, ObjectNode state, RequestedExpiry expiry, String workerId) {

        public static NewSession parse(StateJson json, byte[] body) {
            ObjectNode request = json.parseObject(body, "The request body");
            return new NewSession(StateJson.optionalText(request, "sessionId", "Request"),
                    StateJson.optionalObject(request, "state", "Request"), SessionRequests.expiry(request),
                    StateJson.optionalText(request, "workerId", "Request"));
        }
    }

    public static EventWindow window(Integer numRecentEvents, Double afterTimestamp) {
        if (numRecentEvents != null && numRecentEvents < 0) {
            throw SessionGridError.invalid("numRecentEvents must be >= 0");
        }
        if (afterTimestamp != null && !Double.isFinite(afterTimestamp)) {
            throw SessionGridError.invalid("afterTimestamp must be a finite number");
        }
        return new EventWindow(numRecentEvents == null ? -1 : numRecentEvents,
                afterTimestamp == null ? Double.NaN : afterTimestamp);
    }

    /**
     * A session patch: {@code state} to merge and/or {@code maxIdleSeconds} (a number, or null for the
     * app's), at least one.
     */
    record SessionPatch(ObjectNode state, boolean changesMaxIdle, Integer maxIdleSeconds) {

        static SessionPatch parse(StateJson json, byte[] body) {
            ObjectNode request = json.parseObject(body, "The request body");
            ObjectNode state = StateJson.optionalObject(request, "state", "Request");
            boolean idle = request.has("maxIdleSeconds");
            if (state == null && !idle) {
                throw SessionGridError.invalid("The request body must hold \"state\" (keys to set, null to remove one)"
                        + " and/or \"maxIdleSeconds\" (seconds, or null for the app's)");
            }
            Integer seconds = idle && !request.get("maxIdleSeconds").isNull()
                    ? StateJson.optionalInt(request, "maxIdleSeconds", "Request") : null;
            return new SessionPatch(state, idle, seconds);
        }
    }

    /** A patch's answer: the session's new version, in the body and as the entity tag. */
    static HttpResponse<byte[]> patched(long version) {
        byte[] body = ("{\"version\":" + version + "}").getBytes(StandardCharsets.UTF_8);
        return ApiResponses.json(HttpResponse.ok(body), version).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
