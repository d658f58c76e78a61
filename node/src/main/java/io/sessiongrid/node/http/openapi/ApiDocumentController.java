package io.sessiongrid.node.http.openapi;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.sessiongrid.node.http.PublicResource;
import io.sessiongrid.node.http.StaticFile;
import io.swagger.v3.oas.annotations.Hidden;

/** Serves the OpenAPI document the build wrote from the controllers. */
@Controller
@Hidden
public class ApiDocumentController {

    private final StaticFile document = StaticFile.of("META-INF/swagger/sessiongrid-api.yml", "application/yaml");

    @Get(ApiDocument.PATH)
    @PublicResource
    public HttpResponse<byte[]> document() {
        return document.response();
    }
}
