package io.sessiongrid.node.http.console;

import io.micronaut.context.annotation.Context;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.exceptions.HttpStatusException;
import io.sessiongrid.node.http.PublicResource;
import io.sessiongrid.node.http.StaticFile;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.Map;

/**
 * The web console: one page and its script, which read the grid through the v1 API with the token the
 * user enters (so the console sees exactly what that token may, and writes only with a write scope).
 * The files hold no data and are open; the page's policy lets it load and call nothing but this node.
 */
@Controller("/console")
@Hidden
@Context // made at start, so a jar without its files fails then, not at the first request
public class ConsoleController {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final StaticFile page = StaticFile.of("console/index.html", "text/html; charset=utf-8");
    private final Map<String, StaticFile> assets = Map.of(
            "console.js", StaticFile.of("console/console.js", "text/javascript; charset=utf-8"),
            "console.css", StaticFile.of("console/console.css", "text/css; charset=utf-8"));

    /** At {@code /console} and {@code /console/} alike (Micronaut matches both); the page names its files absolutely. */
    @Get
    @PublicResource
    public HttpResponse<byte[]> page() {
        return page.response().header("Content-Security-Policy", POLICY).header("Referrer-Policy", "no-referrer");
    }

    @Get("/{file}")
    @PublicResource
    public HttpResponse<byte[]> asset(@PathVariable String file) {
        StaticFile asset = assets.get(file);
        if (asset == null) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "No console file '" + file + "'");
        }
        return asset.response();
    }
}
