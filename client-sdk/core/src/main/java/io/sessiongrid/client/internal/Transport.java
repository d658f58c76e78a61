package io.sessiongrid.client.internal;

import java.util.concurrent.CompletableFuture;

/** Carries requests to the nodes; separate from the client so failover and retry policies live here. */
public interface Transport extends AutoCloseable {

    /**
     * Sends a request, failing over and retrying as far as the request allows, and returns whatever
     * response a node gave last, error statuses included.
     *
     * @throws io.sessiongrid.client.SessionGridTransportException if no node could be reached or the
     *         exchange failed midway (and retries, if allowed, did not help)
     */
    Reply send(ApiRequest request);

    /**
     * {@link #send} without blocking a thread, waits between retries included: completes with the
     * reply, or fails with what {@code send} would throw. This default sends in the caller's thread
     * (test transports); {@link FailoverTransport} does not block.
     */
    default CompletableFuture<Reply> sendAsync(ApiRequest request) {
        try {
            return CompletableFuture.completedFuture(send(request));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    void close();
}
