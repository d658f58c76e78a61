package io.sessiongrid.client.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One attempt of a request at one node, without any failover: kept apart from {@link FailoverTransport}
 * so that the retry decisions can be tested against scripted answers, without sockets or real time.
 */
public interface Exchange extends AutoCloseable {

    /**
     * Sends the request to the endpoint and returns its response, error statuses included.
     *
     * @param timeout how long to wait for the response
     * @throws IOException if the node could not be reached ({@link java.net.ConnectException} or
     *         {@link java.net.http.HttpConnectTimeoutException}, possibly as a cause), or the exchange
     *         failed or timed out after the request may have been sent
     */
    ApiResponse exchange(Endpoint endpoint, ApiRequest request, Duration timeout)
            throws IOException, InterruptedException;

    /**
     * The same exchange without blocking: completes with the response, or fails with the
     * {@link IOException} {@link #exchange} would throw. This default runs the blocking exchange in
     * the caller's thread (scripted exchanges in tests); the HTTP exchange overrides it.
     */
    default CompletableFuture<ApiResponse> exchangeAsync(Endpoint endpoint, ApiRequest request, Duration timeout) {
        try {
            return CompletableFuture.completedFuture(exchange(endpoint, request, timeout));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    void close();
}
