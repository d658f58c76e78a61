package io.sessiongrid.client.internal;

import io.sessiongrid.client.SessionGridTransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends requests with {@link HttpClient}, failing over between endpoints.
 *
 * <p>Only a failure to connect moves a call to the next endpoint: then the request never reached a
 * node, so sending it elsewhere cannot apply it twice. Any other I/O failure ends the call. The
 * endpoint that last answered is tried first, so a dead node costs one failed connect, not one per call.
 */
public final class HttpTransport implements Transport {

    private final HttpClient client;
    private final List<Endpoint> endpoints;
    private final Duration requestTimeout;
    private final AtomicInteger preferred = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    public HttpTransport(HttpClient client, List<Endpoint> endpoints, Duration requestTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.endpoints = List.copyOf(endpoints);
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (this.endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one endpoint is required");
        }
    }

    @Override
    public ApiResponse send(ApiRequest request) {
        if (closed.get()) {
            throw new IllegalStateException("the Session Grid client is closed");
        }
        int first = preferred.get();
        List<IOException> connectFailures = new ArrayList<>();
        for (int attempt = 0; attempt < endpoints.size(); attempt++) {
            int index = (first + attempt) % endpoints.size();
            Endpoint endpoint = endpoints.get(index);
            try {
                ApiResponse response = sendTo(endpoint, request);
                preferred.set(index);
                return response;
            } catch (IOException e) {
                if (!isConnectFailure(e)) {
                    throw new SessionGridTransportException(request + " to " + endpoint + " failed: " + e, e);
                }
                connectFailures.add(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SessionGridTransportException(request + " to " + endpoint + " was interrupted", e);
            }
        }
        throw unreachable(request, connectFailures);
    }

    private ApiResponse sendTo(Endpoint endpoint, ApiRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.resolve(request.target()))
                .timeout(requestTimeout)
                .method(request.method(), request.body() == null
                        ? BodyPublishers.noBody()
                        : BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        HttpResponse<byte[]> response = client.send(builder.build(), BodyHandlers.ofByteArray());
        return new ApiResponse(response.statusCode(), response.headers(), response.body());
    }

    // The JDK sometimes wraps the ConnectException, so the whole cause chain is checked.
    private static boolean isConnectFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private SessionGridTransportException unreachable(ApiRequest request, List<IOException> failures) {
        SessionGridTransportException exception = new SessionGridTransportException(
                request + " failed: no endpoint reachable of " + endpoints,
                failures.get(failures.size() - 1));
        failures.subList(0, failures.size() - 1).forEach(exception::addSuppressed);
        return exception;
    }

    @Override
    public void close() {
        // HttpClient is closeable only from Java 21 on; on 17 its threads end once it is unreachable.
        if (closed.compareAndSet(false, true) && client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the HTTP client failed", e);
            }
        }
    }
}
