package io.sessiongrid.node.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.sessiongrid.node.http.json.AppListingJson;
import io.sessiongrid.node.http.openapi.ApiSchemas;
import io.sessiongrid.node.http.openapi.ProblemResponses;
import io.sessiongrid.node.session.apps.AppCounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /v1/apps}: the apps the caller may read, with their sessions in memory per member. */
@Tag(name = "Apps")
@Controller("/v1/apps")
public class AppsController {

    private final AppCounts counts;

    public AppsController(AppCounts counts) {
        this.counts = counts;
    }

    @ListsApps
    @ProblemResponses
    @Operation(operationId = "appsApps", summary = "List the apps the token may read, with their sessions per member")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.APP_LISTING)))
    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<byte[]> apps(HttpRequest<?> request) {
        AppVisibility visible = AppVisibility.of(request);
        return HttpResponse.ok(AppListingJson.listing(counts.list(visible.apps()), visible.members()))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
