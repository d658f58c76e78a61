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
import io.sessiongrid.node.session.UserSessionService;

/** A user's sessions as a group: count them, or log the user out everywhere. */
@Controller("/v1/apps/{app}/users/{userId}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class UserSessionController {

    private final UserSessionService users;

    public UserSessionController(UserSessionService users) {
        this.users = users;
    }

    @Get("/sessions:count")
    public HttpResponse<byte[]> count(@PathVariable String app, @PathVariable String userId) {
        return HttpResponse.ok(PolicyJson.number("count", users.count(app, userId)))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Delete("/sessions")
    public HttpResponse<byte[]> deleteAll(@PathVariable String app, @PathVariable String userId) {
        return HttpResponse.ok(PolicyJson.number("deleted", users.deleteAll(app, userId)))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
