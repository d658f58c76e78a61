package io.sessiongrid.node.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.sessiongrid.node.http.json.SessionJson;
import io.sessiongrid.node.http.openapi.ApiSchemas;
import io.sessiongrid.node.http.openapi.ProblemResponses;
import io.sessiongrid.node.session.SessionService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Read access to the shared state layers. */
@Tag(name = "State layers")
@Controller("/v1/apps/{app}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StateController {

    private final SessionService sessions;

    public StateController(SessionService sessions) {
        this.sessions = sessions;
    }

    @ProblemResponses
    @Operation(operationId = "stateAppState", summary = "The app's `app:` state layer")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.LAYER_STATE)))
    @Get("/state")
    public HttpResponse<byte[]> appState(@PathVariable String app) {
        return HttpResponse.ok(SessionJson.appState(app, sessions.appState(app)))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @ProblemResponses
    @Operation(operationId = "stateUserState", summary = "A user's `user:` state layer")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.LAYER_STATE)))
    @Get("/users/{userId}/state")
    public HttpResponse<byte[]> userState(@PathVariable String app, @PathVariable String userId) {
        return HttpResponse.ok(SessionJson.userState(app, userId, sessions.userState(app, userId)))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
