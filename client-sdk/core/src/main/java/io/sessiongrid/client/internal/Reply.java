package io.sessiongrid.client.internal;

import java.util.Objects;

/**
 * The response that ended a call, and how the transport got it: the client needs both to tell an error
 * that its own earlier attempt caused (a create that was applied, then repeated) from a real one.
 *
 * @param response the last response, error statuses included (a 503 when the transport gave up on one)
 * @param attempts how many attempts the call made, this one included
 * @param repeated whether an earlier attempt of this call may have reached a node (it timed out, failed
 *                 midway or was answered 503), so that the server may already have applied the request
 *                 this response answers
 */
public record Reply(ApiResponse response, int attempts, boolean repeated) {

    public Reply {
        Objects.requireNonNull(response, "response");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1 but was " + attempts);
        }
    }

    /** The reply to a call that took one attempt. */
    public static Reply of(ApiResponse response) {
        return new Reply(response, 1, false);
    }
}
