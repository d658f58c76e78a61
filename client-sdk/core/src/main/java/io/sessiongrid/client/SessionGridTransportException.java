package io.sessiongrid.client;

/**
 * The call got no usable answer: no endpoint could be reached, the exchange failed or timed out midway,
 * or the response body was unreadable. Unlike {@link SessionGridException} there is no status; the cause
 * tells what went wrong (the failures of earlier attempts are suppressed exceptions), and the message how
 * many attempts the call made and why it made no more.
 *
 * <p>When the failure came after the request was sent, the server may or may not have applied it.
 */
public class SessionGridTransportException extends RuntimeException {

    public SessionGridTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
