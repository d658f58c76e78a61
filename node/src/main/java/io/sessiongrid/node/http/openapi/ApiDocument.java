package io.sessiongrid.node.http.openapi;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * The API's OpenAPI document: micronaut-openapi writes it at compile time from the controllers and
 * their javadoc (META-INF/swagger/sessiongrid-api.yml), merged with the shared schemas in
 * {@code src/main/openapi}; the node serves it at {@value #PATH} ({@link ApiDocumentController}). {@code OpenApiDocumentTest} holds it to
 * the routes the node really serves and to {@code ProblemType}.
 */
@OpenAPIDefinition(
        info = @Info(title = "Session Grid", version = "v1",
                description = "Sessions keyed by app, user and id, with an ordered event log and state in three"
                        + " layers; sticky routes; web sessions. Errors are RFC 9457 problem+json with a stable type.",
                license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        security = @SecurityRequirement(name = "token"))
@SecurityScheme(name = "token", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API token (sessiongrid.security.tokens), when access control is on.")
public final class ApiDocument {

    /** Where the node serves the document. */
    public static final String PATH = "/openapi/sessiongrid-api.yml";

    private ApiDocument() {
    }
}
