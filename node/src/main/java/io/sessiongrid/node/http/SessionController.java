package io.sessiongrid.node.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
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
import io.sessiongrid.node.concurrent.Stages;
import io.sessiongrid.node.http.json.SessionJson;
import io.sessiongrid.node.http.openapi.ApiSchemas;
import io.sessiongrid.node.http.openapi.ProblemResponses;
import io.sessiongrid.node.http.openapi.StatePatchExchange;
import io.sessiongrid.node.session.AppendResult;
import io.sessiongrid.node.session.SessionGridError;
import io.sessiongrid.node.session.SessionPage;
import io.sessiongrid.node.session.SessionService;
import io.sessiongrid.node.session.event.StateJson;
import io.sessiongrid.node.session.model.EventWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * The session routes of the v1 API. Bodies are raw bytes: the engine parses what it needs, exactly.
 * Create, append and get stay on the event loop and answer when the grid does (a create that must
 * wait, on the blocking pool); the others wait for the grid on the blocking pool.
 */
@Tag(name = "Sessions")
@Controller("/v1/apps/{app}")
public class SessionController {

    public static final String REPLAYED_HEADER = "Sessiongrid-Replayed";
    public static final String DROPPED_HEADER = "Sessiongrid-Dropped-Events";

    private final SessionService sessions;
    private final StateJson json;
    private final Executor blocking;

    public SessionController(SessionService sessions, StateJson json, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.sessions = sessions;
        this.json = json;
        this.blocking = blocking;
    }

    /**
     * Runs a non-blocking call on the event loop, except the first time this member serves the app:
     * adding its map configs waits for the cluster, so that happens on the blocking pool first.
     */
    private <T> CompletionStage<T> whenReady(String app, Function<Executor, CompletableFuture<T>> call) {
        Executor loop = EventLoopSteps.current();
        if (sessions.ready(app)) {
            return call.apply(loop);
        }
        return Stages.compose(CompletableFuture.runAsync(() -> sessions.prepare(app), blocking), done -> call.apply(loop));
    }

    @ProblemResponses
    @Operation(operationId = "sessionCreate", summary = "Create a session",
            requestBody = @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.NEW_SESSION))))
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.SESSION)))
    @Post("/users/{userId}/sessions")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<HttpResponse<byte[]>> create(@PathVariable String app, @PathVariable String userId,
                                                        @Nullable @Body byte[] body) {
        SessionRequests.NewSession request = SessionRequests.NewSession.parse(json, body);
        // No whenReady: a create in an app this member has not prepared runs on the blocking pool by itself.
        return Stages.map(sessions.createAsync(app, userId, request.sessionId(), request.state(),
                        request.expiry(), request.workerId(), EventLoopSteps.current(), blocking),
                session -> ApiResponses.json(HttpResponse.created(SessionJson.session(session)), session.version())
                        .header(HttpHeaders.LOCATION, ApiResponses.location(session.key())));
    }

    @ProblemResponses
    @Operation(operationId = "sessionGet", summary = "Read a session (numRecentEvents, afterTimestamp narrow its events)")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.SESSION)))
    @Get("/users/{userId}/sessions/{sessionId}{?numRecentEvents,afterTimestamp}")
    public CompletionStage<HttpResponse<byte[]>> get(@PathVariable String app, @PathVariable String userId,
                                                     @PathVariable String sessionId,
                                                     @Nullable @QueryValue Integer numRecentEvents,
                                                     @Nullable @QueryValue Double afterTimestamp) {
        EventWindow window = SessionRequests.window(numRecentEvents, afterTimestamp);
        return Stages.map(whenReady(app, loop -> sessions.getAsync(app, userId, sessionId, window, loop)),
                session -> ApiResponses.json(HttpResponse.ok(SessionJson.session(session)), session.version()));
    }

    /** Merges {"state": {...}} into the session's state without an event (null removes a key); If-Match optional. */
    @StatePatchExchange
    @ProblemResponses
    @Operation(operationId = "sessionPatch", summary = "Merge state into a session without an event")
    @Patch("/users/{userId}/sessions/{sessionId}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Consumes({MediaType.APPLICATION_JSON, SessionRequests.MERGE_PATCH_JSON})
    public HttpResponse<byte[]> patch(@PathVariable String app, @PathVariable String userId, @PathVariable String sessionId,
                                      @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch, @Nullable @Body byte[] body) {
        long expected = ApiResponses.expectedVersion(ifMatch);
        SessionRequests.SessionPatch patch = SessionRequests.SessionPatch.parse(json, body);
        if (patch.changesMaxIdle() || patch.state() == null) {
            throw SessionGridError.invalid("On this route the body is {\"state\": {...}}; a session's idle timeout"
                    + " is set on /v1/apps/{app}/sessions/{sessionId}");
        }
        return SessionRequests.patched(sessions.patch(app, userId, sessionId, patch.state(), expected));
    }

    /** Counts as an access: restarts the session's idle timeout. */
    @ProblemResponses
    @Operation(operationId = "sessionTouch", summary = "Restart a session's idle timeout")
    @ApiResponse(responseCode = "204", description = "Done")
    @Post("/users/{userId}/sessions/{sessionId}:touch")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Void> touch(@PathVariable String app, @PathVariable String userId, @PathVariable String sessionId) {
        sessions.touch(app, userId, sessionId);
        return HttpResponse.noContent();
    }

    @ProblemResponses
    @Operation(operationId = "sessionDelete", summary = "Delete a session")
    @ApiResponse(responseCode = "204", description = "Done")
    @Delete("/users/{userId}/sessions/{sessionId}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Void> delete(@PathVariable String app, @PathVariable String userId, @PathVariable String sessionId) {
        sessions.delete(app, userId, sessionId);
        return HttpResponse.noContent();
    }

    @ProblemResponses
    @Operation(operationId = "sessionListForUser", summary = "A user's sessions, a page at a time (without events)")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.SESSION_PAGE)))
    @Get("/users/{userId}/sessions{?pageSize,pageToken}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<byte[]> listForUser(@PathVariable String app, @PathVariable String userId,
                                            @Nullable @QueryValue Integer pageSize, @Nullable @QueryValue String pageToken) {
        return page(sessions.list(app, userId, pageSize, pageToken));
    }

    @ProblemResponses
    @Operation(operationId = "sessionListForApp", summary = "An app's sessions, a page at a time (without events)")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.SESSION_PAGE)))
    @Get("/sessions{?pageSize,pageToken}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<byte[]> listForApp(@PathVariable String app,
                                           @Nullable @QueryValue Integer pageSize, @Nullable @QueryValue String pageToken) {
        return page(sessions.list(app, null, pageSize, pageToken));
    }

    @ProblemResponses
    @Operation(operationId = "sessionAppend", summary = "Append an event and merge its stateDelta in one step",
            requestBody = @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.EVENT))))
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.EVENT)))
    @Post("/users/{userId}/sessions/{sessionId}/events")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<HttpResponse<byte[]>> append(@PathVariable String app, @PathVariable String userId,
                                                        @PathVariable String sessionId,
                                                        @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                                        @Nullable @Body byte[] body) {
        long expected = ApiResponses.expectedVersion(ifMatch);
        if (body == null || body.length == 0) {
            throw SessionGridError.invalid("The request body must be an event object");
        }
        return Stages.map(whenReady(app, loop -> sessions.appendAsync(app, userId, sessionId, body, expected, loop)),
                SessionController::appended);
    }

    private static HttpResponse<byte[]> appended(AppendResult result) {
        var response = HttpResponse.ok(result.event()).contentType(MediaType.APPLICATION_JSON_TYPE);
        ApiResponses.appendHeaders(result, response::header);
        return response;
    }

    @ProblemResponses
    @Operation(operationId = "sessionEvents", summary = "A session's events, a page at a time")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.EVENT_PAGE)))
    @Get("/users/{userId}/sessions/{sessionId}/events{?pageSize,pageToken,afterTimestamp}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<byte[]> events(@PathVariable String app, @PathVariable String userId, @PathVariable String sessionId,
                                       @Nullable @QueryValue Integer pageSize, @Nullable @QueryValue String pageToken,
                                       @Nullable @QueryValue Double afterTimestamp) {
        return HttpResponse.ok(SessionJson.eventPage(sessions.events(app, userId, sessionId, pageSize, pageToken, afterTimestamp)))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static HttpResponse<byte[]> page(SessionPage page) {
        return HttpResponse.ok(SessionJson.sessionPage(page)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

}
