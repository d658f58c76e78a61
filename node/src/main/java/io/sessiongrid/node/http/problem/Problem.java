package io.sessiongrid.node.http.problem;

import java.util.Map;

/**
 * A problem answer before it is written: what Micronaut's exception handlers and the hot routes (served
 * below Micronaut) both render, so one failure gets one answer whichever way the request came in.
 *
 * @param extensions        members added to the problem body, in order
 * @param retryAfterSeconds the {@code Retry-After} to send, or 0 for none
 */
public record Problem(ProblemType type, String detail, Map<String, Object> extensions, long retryAfterSeconds) {

    public Problem(ProblemType type, String detail) {
        this(type, detail, Map.of(), 0);
    }
}
