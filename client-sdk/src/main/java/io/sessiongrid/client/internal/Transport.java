package io.sessiongrid.client.internal;

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

    @Override
    void close();
}
