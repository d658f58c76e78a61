package io.sessiongrid.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.sessiongrid.node.http.json.SessionJson;
import io.sessiongrid.node.http.openapi.ApiSchemas;
import io.sessiongrid.node.http.openapi.ProblemResponses;
import io.sessiongrid.node.http.openapi.StatePatchExchange;
import io.sessiongrid.node.session.Session;
import io.sessiongrid.node.session.SessionGridError;
import io.sessiongrid.node.session.SessionsById;
import io.sessiongrid.node.session.event.StateJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Sessions addressed by their id alone (web sessions: the cookie carries the id, not the user). The
 * sessions these routes create are entered in the app's id index; their ids are unique within the app.
 */
@Tag(name = "Sessions by id (web)")
@Controller("/v1/apps/{app}/sessions")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SessionByIdController {

    private final SessionsById sessions;
    private final StateJson json;

    public SessionByIdController(SessionsById sessions, StateJson json) {
        this.sessions = sessions;
        this.json = json;
    }

    /** {"sessionId"?, "userId"? (none: anonymous), "state"?, "ttlSeconds"?, "maxIdleSeconds"?} → 201. */
    @ProblemResponses
    @Operation(operationId = "sessionByIdCreate", summary = "Create a session by id (web sessions; anonymous unless userId is given)",
            requestBody = @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.NEW_SESSION))))
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.SESSION)))
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> create(@PathVariable String app, @Nullable @Body byte[] body) {
        ObjectNode request = json.parseObject(body, "The request body");
        Session session = sessions.create(app, StateJson.optionalText(request, "userId", "Request"),
                StateJson.optionalText(request, "sessionId", "Request"),
                StateJson.optionalObject(request, "state", "Request"), SessionRequests.expiry(request));
        return located(HttpResponse.created(SessionJson.session(session)), app, session);
    }

    @ProblemResponses
    @Operation(operationId = "sessionByIdGet", summary = "Read a session by id")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.SESSION)))
    @Get("/{sessionId}{?numRecentEvents,afterTimestamp}")
    public HttpResponse<byte[]> get(@PathVariable String app, @PathVariable String sessionId,
                                    @Nullable @QueryValue Integer numRecentEvents, @Nullable @QueryValue Double afterTimestamp) {
        Session session = sessions.get(app, sessionId, SessionRequests.window(numRecentEvents, afterTimestamp));
        return ApiResponses.json(HttpResponse.ok(SessionJson.session(session)), session.version());
    }

    /**
     * Merges {"state": {...}} without an event (null removes a key; If-Match checks it) and/or sets
     * {"maxIdleSeconds": n} (null: the app's). The timeout is checked first and set after the state.
     */
    @StatePatchExchange
    @ProblemResponses
    @Operation(operationId = "sessionByIdPatch", summary = "Merge state and/or set the idle timeout of a session by id")
    @Patch("/{sessionId}")
    @Consumes({MediaType.APPLICATION_JSON, SessionRequests.MERGE_PATCH_JSON})
    public HttpResponse<byte[]> patch(@PathVariable String app, @PathVariable String sessionId,
                                      @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch, @Nullable @Body byte[] body) {
        long expected = ApiResponses.expectedVersion(ifMatch);
        SessionRequests.SessionPatch patch = SessionRequests.SessionPatch.parse(json, body);
        long version = -1;
        // Checked first, applied last: a state patch refused (412, 413) leaves the timeout as it was.
        sessions.checkMaxIdle(app, patch.maxIdleSeconds());
        if (patch.state() != null) {
            version = sessions.patch(app, sessionId, patch.state(), expected);
        }
        if (patch.changesMaxIdle()) {
            version = sessions.changeMaxIdle(app, sessionId, patch.maxIdleSeconds());
        }
        return SessionRequests.patched(version);
    }

    @ProblemResponses
    @Operation(operationId = "sessionByIdTouch", summary = "Restart a session's idle timeout")
    @ApiResponse(responseCode = "204", description = "Done")
    @Post("/{sessionId}:touch")
    public HttpResponse<Void> touch(@PathVariable String app, @PathVariable String sessionId) {
        sessions.touch(app, sessionId);
        return HttpResponse.noContent();
    }

    @ProblemResponses
    @Operation(operationId = "sessionByIdDelete", summary = "Delete a session by id")
    @ApiResponse(responseCode = "204", description = "Done")
    @Delete("/{sessionId}")
    public HttpResponse<Void> delete(@PathVariable String app, @PathVariable String sessionId) {
        sessions.delete(app, sessionId);
        return HttpResponse.noContent();
    }

    /**
     * A new id (session fixation protection): {"sessionId"} to name it, an empty body for a generated one.
     * The old id answers 404 from now on.
     */
    @ProblemResponses
    @Operation(operationId = "sessionByIdChangeId", summary = "Give a session a new id (session fixation protection)",
            requestBody = @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.NEW_ID))))
    @ApiResponse(responseCode = "200", description = "The session; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.SESSION)))
    @Post("/{sessionId}:change-id")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> changeId(@PathVariable String app, @PathVariable String sessionId,
                                         @Nullable @Body byte[] body) {
        String newId = StateJson.optionalText(json.parseObject(body, "The request body"), "sessionId", "Request");
        return located(HttpResponse.ok(), app, sessions.changeId(app, sessionId, newId));
    }

    /** {"userId"}: the session becomes that user's (login), keeping its id; {"userId": null}: anonymous again. */
    @ProblemResponses
    @Operation(operationId = "sessionByIdRekey", summary = "Move a session to another user (login) or back to an anonymous owner (userId null), keeping its id",
            requestBody = @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.NEW_OWNER))))
    @ApiResponse(responseCode = "200", description = "The session; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.SESSION)))
    @Post("/{sessionId}:rekey")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> rekey(@PathVariable String app, @PathVariable String sessionId, @Nullable @Body byte[] body) {
        ObjectNode request = json.parseObject(body, "The request body");
        if (!request.has("userId")) {
            throw SessionGridError.invalid("The request body must be {\"userId\": \"...\"}, or {\"userId\": null} to make"
                    + " the session anonymous again");
        }
        String userId = StateJson.optionalText(request, "userId", "Request");
        return located(HttpResponse.ok(), app, sessions.rekey(app, sessionId, userId));
    }

    private static HttpResponse<byte[]> located(MutableHttpResponse<?> response, String app, Session session) {
        MutableHttpResponse<byte[]> withBody = response.body(SessionJson.session(session));
        return ApiResponses.json(withBody, session.version()).header(HttpHeaders.LOCATION,
                "/v1/apps/" + ApiResponses.segment(app) + "/sessions/" + ApiResponses.segment(session.key().sessionId()));
    }
}
