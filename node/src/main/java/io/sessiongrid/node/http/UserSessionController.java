package io.sessiongrid.node.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.sessiongrid.node.http.json.PolicyJson;
import io.sessiongrid.node.http.openapi.ApiSchemas;
import io.sessiongrid.node.http.openapi.ProblemResponses;
import io.sessiongrid.node.session.UserSessionService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A user's sessions as a group: count them, or log the user out everywhere. */
@Tag(name = "Users")
@Controller("/v1/apps/{app}/users/{userId}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class UserSessionController {

    private final UserSessionService users;

    public UserSessionController(UserSessionService users) {
        this.users = users;
    }

    @ProblemResponses
    @Operation(operationId = "userSessionCount", summary = "Count a user's sessions")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.COUNT)))
    @Get("/sessions:count")
    public HttpResponse<byte[]> count(@PathVariable String app, @PathVariable String userId) {
        return HttpResponse.ok(PolicyJson.number("count", users.count(app, userId)))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @ProblemResponses
    @Operation(operationId = "userSessionDeleteAll", summary = "Log a user out everywhere: delete all their sessions")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.COUNT)))
    @Delete("/sessions")
    public HttpResponse<byte[]> deleteAll(@PathVariable String app, @PathVariable String userId) {
        return HttpResponse.ok(PolicyJson.number("deleted", users.deleteAll(app, userId)))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
