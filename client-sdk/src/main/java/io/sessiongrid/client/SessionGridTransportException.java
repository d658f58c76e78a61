package io.sessiongrid.client;

/**
 * The call got no usable answer: no endpoint could be reached, the exchange failed or timed out midway,
 * or the response body was unreadable. Unlike {@link SessionGridException} there is no status; the cause
 * tells what went wrong (further endpoints' failures are suppressed exceptions).
 *
 * <p>When the failure came after the request was sent, the server may or may not have applied it.
 */
public class SessionGridTransportException extends RuntimeException {

    public SessionGridTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
