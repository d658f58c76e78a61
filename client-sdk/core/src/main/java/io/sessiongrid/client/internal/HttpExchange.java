package io.sessiongrid.client.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** One attempt over {@link HttpClient}; its connect timeout is the client's. */
public final class HttpExchange implements Exchange {

    private final HttpClient client;
    /** {@code Bearer <token>}, or null; kept out of every message and toString. */
    private final String authorization;

    public HttpExchange(HttpClient client) {
        this(client, null);
    }

    /** @param token the API token sent as {@code Authorization: Bearer}, or null for none */
    public HttpExchange(HttpClient client, String token) {
        this.client = Objects.requireNonNull(client, "client");
        this.authorization = token == null ? null : "Bearer " + token;
    }

    @Override
    public ApiResponse exchange(Endpoint endpoint, ApiRequest request, Duration timeout)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(httpRequest(endpoint, request, timeout), BodyHandlers.ofByteArray());
        return new ApiResponse(response.statusCode(), response.headers(), response.body());
    }

    /** The JDK client's own asynchronous send: no thread waits for the node. */
    @Override
    public CompletableFuture<ApiResponse> exchangeAsync(Endpoint endpoint, ApiRequest request, Duration timeout) {
        return client.sendAsync(httpRequest(endpoint, request, timeout), BodyHandlers.ofByteArray())
                .thenApply(response -> new ApiResponse(response.statusCode(), response.headers(), response.body()));
    }

    private HttpRequest httpRequest(Endpoint endpoint, ApiRequest request, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.resolve(request.target()))
                .timeout(timeout)
                .method(request.method(), request.body() == null
                        ? BodyPublishers.noBody()
                        : BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.build();
    }

    @Override
    public void close() {
        // HttpClient is closeable only from Java 21 on; on 17 its threads end once it is unreachable.
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the HTTP client failed", e);
            }
        }
    }
}
