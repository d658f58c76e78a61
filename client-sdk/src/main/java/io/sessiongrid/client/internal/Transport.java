package io.sessiongrid.client.internal;

/** Carries requests to the nodes; separate from the client so failover and retry policies can grow here. */
public interface Transport extends AutoCloseable {

    /**
     * Sends a request and returns whatever response a node gave, error statuses included.
     *
     * @throws io.sessiongrid.client.SessionGridTransportException if no node could be reached or the
     *         exchange failed midway
     */
    ApiResponse send(ApiRequest request);

    @Override
    void close();
}
