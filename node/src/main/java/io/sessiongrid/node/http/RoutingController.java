package io.sessiongrid.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.sessiongrid.node.http.json.PolicyJson;
import io.sessiongrid.node.http.json.RoutingJson;
import io.sessiongrid.node.http.openapi.ApiSchemas;
import io.sessiongrid.node.http.openapi.ProblemResponses;
import io.sessiongrid.node.security.RequiredScope;
import io.sessiongrid.node.security.Scope;
import io.sessiongrid.node.session.RoutingService;
import io.sessiongrid.node.session.SessionGridError;
import io.sessiongrid.node.session.event.StateJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/** Worker affinity for routing proxies: pin, look up, count, reroute, drain, sweep. */
@Tag(name = "Routing")
@Controller("/v1/apps/{app}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RoutingController {

    private final RoutingService routing;
    private final StateJson json;

    public RoutingController(RoutingService routing, StateJson json) {
        this.routing = routing;
        this.json = json;
    }

    @ProblemResponses
    @Operation(operationId = "routingSetWorker", summary = "Pin a session to a worker",
            requestBody = @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.WORKER_CHOICE))))
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.ROUTE)))
    @Put("/users/{userId}/sessions/{sessionId}/worker")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> setWorker(@PathVariable String app, @PathVariable String userId,
                                          @PathVariable String sessionId, @Nullable @Body byte[] body) {
        ObjectNode request = json.parseObject(body, "The request body");
        if (!request.has("workerId")) {
            throw SessionGridError.invalid("The request body needs \"workerId\": a worker id, or null to unpin");
        }
        String workerId = StateJson.optionalText(request, "workerId", "Request");
        return ok(RoutingJson.pinned(routing.setWorker(app, userId, sessionId, workerId)));
    }

    /** Counts as an access to the session, as a proxy's lookup before forwarding a request should. */
    @ProblemResponses
    @Operation(operationId = "routingRoute", summary = "A session's route (counts as an access)")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.ROUTE)))
    @Get("/sessions/{sessionId}/route")
    public HttpResponse<byte[]> route(@PathVariable String app, @PathVariable String sessionId) {
        return ok(RoutingJson.route(routing.route(app, sessionId)));
    }

    @ProblemResponses
    @Operation(operationId = "routingWorkerSessions", summary = "A worker's sessions, a page at a time")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.ROUTE_PAGE)))
    @Get("/workers/{workerId}/sessions{?pageSize,pageToken}")
    public HttpResponse<byte[]> workerSessions(@PathVariable String app, @PathVariable String workerId,
                                               @Nullable @QueryValue Integer pageSize, @Nullable @QueryValue String pageToken) {
        return ok(RoutingJson.page(routing.workerSessions(app, workerId, pageSize, pageToken)));
    }

    @ProblemResponses
    @Operation(operationId = "routingWorkerCount", summary = "Count a worker's sessions")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.WORKER_COUNT)))
    @Get("/workers/{workerId}/count")
    public HttpResponse<byte[]> workerCount(@PathVariable String app, @PathVariable String workerId) {
        return ok(RoutingJson.workerCount(workerId, routing.workerCount(app, workerId)));
    }

    @RequiredScope(Scope.READ)
    @ProblemResponses
    @Operation(operationId = "routingWorkerCounts", summary = "Count the sessions of several workers",
            requestBody = @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.WORKERS))))
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.WORKER_COUNTS)))
    @Post("/workers:count")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> workerCounts(@PathVariable String app, @Nullable @Body byte[] body) {
        JsonNode workers = json.parseObject(body, "The request body").get("workers");
        if (workers == null || !workers.isArray()) {
            throw SessionGridError.invalid("The request body needs \"workers\": an array of worker ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode w : workers) {
            if (!w.isTextual()) {
                throw SessionGridError.invalid("Every entry of \"workers\" must be a string");
            }
            ids.add(w.textValue());
        }
        return ok(RoutingJson.workerCounts(routing.workerCounts(app, ids)));
    }

    @RequiredScope(Scope.ADMIN)
    @ProblemResponses
    @Operation(operationId = "routingReroute", summary = "Move a worker's sessions to another worker",
            requestBody = @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.REROUTE))))
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.COUNT)))
    @Post("/workers/{workerId}:reroute")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> reroute(@PathVariable String app, @PathVariable String workerId, @Nullable @Body byte[] body) {
        String to = StateJson.optionalText(json.parseObject(body, "The request body"), "to", "Request");
        if (to == null) {
            throw SessionGridError.invalid("The request body needs \"to\": the worker id to move the sessions to");
        }
        return ok(RoutingJson.reroute(routing.reroute(app, workerId, to)));
    }

    @RequiredScope(Scope.ADMIN)
    @ProblemResponses
    @Operation(operationId = "routingDeleteWorkerSessions", summary = "Delete a worker's sessions")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.COUNT)))
    @Delete("/workers/{workerId}/sessions")
    public HttpResponse<byte[]> deleteWorkerSessions(@PathVariable String app, @PathVariable String workerId) {
        return ok(PolicyJson.number("deleted", routing.deleteWorkerSessions(app, workerId)));
    }

    @RequiredScope(Scope.ADMIN)
    @ProblemResponses
    @Operation(operationId = "routingSweepIdle", summary = "Delete routed sessions idle longer than maxIdleSeconds",
            requestBody = @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.SWEEP_IDLE))))
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.COUNT)))
    @Post("/sessions:sweep-idle")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> sweepIdle(@PathVariable String app, @Nullable @Body byte[] body) {
        Integer maxIdle = StateJson.optionalInt(json.parseObject(body, "The request body"), "maxIdleSeconds", "Request");
        if (maxIdle == null) {
            throw SessionGridError.invalid("The request body needs \"maxIdleSeconds\": a whole number of seconds >= 1");
        }
        return ok(PolicyJson.number("deleted", routing.sweepIdle(app, maxIdle)));
    }

    private static HttpResponse<byte[]> ok(byte[] body) {
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
