package io.sessiongrid.node.http.openapi;

import io.micronaut.http.MediaType;
import io.sessiongrid.node.http.SessionRequests;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The request and answer of a state patch, as both PATCH routes (by user and by id) take and give them. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
@RequestBody(content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.STATE_PATCH)),
        @Content(mediaType = SessionRequests.MERGE_PATCH_JSON, schema = @Schema(ref = ApiSchemas.STATE_PATCH))})
@ApiResponse(responseCode = "200", description = "The new version",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiSchemas.VERSION)))
public @interface StatePatchExchange {
}
