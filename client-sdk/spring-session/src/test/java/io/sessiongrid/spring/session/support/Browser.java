package io.sessiongrid.spring.session.support;

import io.sessiongrid.spring.session.webapp.WebApp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/** A browser for the tests' web apps: its own cookie jar, no redirects followed, form posts. */
public final class Browser {

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public HttpResponse<String> login(String base, String user) {
        return post(base + "/login", "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(WebApp.password(user), StandardCharsets.UTF_8));
    }

    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    public HttpResponse<String> post(String url, String form) {
        return send(form(url, form));
    }

    public CompletableFuture<HttpResponse<String>> postAsync(String url) {
        return http.sendAsync(form(url, ""), HttpResponse.BodyHandlers.ofString());
    }

    /** The session id in the servlet cookie (Spring Session writes it base64-encoded). */
    public String sessionId() {
        return new String(Base64.getDecoder().decode(cookie("SESSION")), StandardCharsets.UTF_8);
    }

    /** A cookie's value as the server set it. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .findFirst().orElseThrow().getValue();
    }

    private static HttpRequest form(String url, String form) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
