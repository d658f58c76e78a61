package io.sessiongrid.client;

/**
 * How the client's blocking calls reach a node. The non-blocking ({@code ...Async}) calls always use
 * the JDK's {@link java.net.http.HttpClient}.
 */
public enum HttpTransport {
    /**
     * The calling thread writes the request and reads the answer on a pooled HTTP/1.1 keep-alive
     * socket: no thread hand-off per call. The default.
     */
    SOCKETS,
    /** The JDK's {@link java.net.http.HttpClient}, as before 0.2: about twice the client CPU per call. */
    JDK_HTTP_CLIENT
}
