package io.sessiongrid.node.http.openapi;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a route whose errors are problem+json (every v1 route): the document's 4XX and 5XX responses. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
@ApiResponse(responseCode = "4XX", description = "The request was refused: a problem (RFC 9457) whose type says why",
        content = @Content(mediaType = ApiSchemas.PROBLEM_JSON, schema = @Schema(ref = ApiSchemas.PROBLEM)))
@ApiResponse(responseCode = "5XX", description = "The grid could not serve it now: a problem (RFC 9457); Retry-After when"
        + " a retry helps", content = @Content(mediaType = ApiSchemas.PROBLEM_JSON, schema = @Schema(ref = ApiSchemas.PROBLEM)))
public @interface ProblemResponses {
}
