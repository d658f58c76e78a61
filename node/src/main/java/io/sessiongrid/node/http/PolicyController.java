package io.sessiongrid.node.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.sessiongrid.node.http.json.PolicyJson;
import io.sessiongrid.node.http.openapi.ApiSchemas;
import io.sessiongrid.node.http.openapi.ProblemResponses;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.security.RequiredScope;
import io.sessiongrid.node.security.Scope;
import io.sessiongrid.node.session.SessionService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Shows an app's effective policy: its own when configured, else the defaults. */
@Tag(name = "Apps")
@Controller("/v1/apps/{app}/policy")
public class PolicyController {

    private final SessionService sessions;
    private final AppPolicies policies;

    public PolicyController(SessionService sessions, AppPolicies policies) {
        this.sessions = sessions;
        this.policies = policies;
    }

    @RequiredScope(Scope.ADMIN)
    @ProblemResponses
    @Operation(operationId = "policyPolicy", summary = "An app's effective policy")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.POLICY)))
    @Get
    public HttpResponse<byte[]> policy(@PathVariable String app) {
        return HttpResponse.ok(PolicyJson.policy(app, policies.configured(app), sessions.policy(app)))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
