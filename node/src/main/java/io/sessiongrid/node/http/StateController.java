package io.sessiongrid.node.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.sessiongrid.node.http.json.SessionJson;
import io.sessiongrid.node.session.SessionService;

/** Read access to the shared state layers. */
@Controller("/v1/apps/{app}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StateController {

    private final SessionService sessions;

    public StateController(SessionService sessions) {
        this.sessions = sessions;
    }

    @Get("/state")
    public HttpResponse<byte[]> appState(@PathVariable String app) {
        return HttpResponse.ok(SessionJson.appState(app, sessions.appState(app)))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Get("/users/{userId}/state")
    public HttpResponse<byte[]> userState(@PathVariable String app, @PathVariable String userId) {
        return HttpResponse.ok(SessionJson.userState(app, userId, sessions.userState(app, userId)))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
