package io.sessiongrid.node.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.sessiongrid.node.http.json.AppListingJson;
import io.sessiongrid.node.session.apps.AppCounts;

/** {@code GET /v1/apps}: the apps the caller may read, with their sessions in memory per member. */
@Controller("/v1/apps")
public class AppsController {

    private final AppCounts counts;

    public AppsController(AppCounts counts) {
        this.counts = counts;
    }

    @ListsApps
    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<byte[]> apps(HttpRequest<?> request) {
        AppVisibility visible = AppVisibility.of(request);
        return HttpResponse.ok(AppListingJson.listing(counts.list(visible.apps()), visible.members()))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
