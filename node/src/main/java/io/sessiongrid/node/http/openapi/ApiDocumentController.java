package io.sessiongrid.node.http.openapi;

import io.micronaut.context.annotation.Context;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.sessiongrid.node.http.PublicResource;
import io.sessiongrid.node.http.StaticFile;
import io.swagger.v3.oas.annotations.Hidden;

/** Serves the OpenAPI document the build wrote from the controllers. */
@Controller
@Hidden
@Context // made at start, so a jar without its files fails then, not at the first request
public class ApiDocumentController {

    private final StaticFile document = StaticFile.of("META-INF/swagger/sessiongrid-api.yml", "application/yaml");

    @Get(ApiDocument.PATH)
    @PublicResource
    public HttpResponse<byte[]> document() {
        return document.response();
    }
}
