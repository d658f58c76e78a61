package io.sessiongrid.client;

/**
 * The app's policy refused a create or append because it would exceed a limit; nothing was changed.
 * Two problem types arrive as this exception, told apart by {@link #limit()} (or by status and type):
 *
 * <ul>
 *   <li>HTTP 413 {@code policy-violation}: the session would grow past {@link #MAX_SESSION_BYTES}, or the
 *       event past {@link #MAX_EVENT_BYTES}, or the session past {@link #MAX_EVENTS} events (when the app
 *       rejects rather than drops old events). Not transient: sending the same request again fails the
 *       same way.</li>
 *   <li>HTTP 409 {@code user-session-limit}: the user already has {@link #MAX_SESSIONS_PER_USER} sessions
 *       and the app rejects further ones. Deleting some of the user's sessions makes room.</li>
 * </ul>
 *
 * <p>A 413 of another type (a request body over the node's size limit) is a {@link PayloadTooLargeException}.
 */
public class PolicyViolationException extends SessionGridException {

    public static final String MAX_SESSION_BYTES = "max-session-bytes";
    public static final String MAX_EVENT_BYTES = "max-event-bytes";
    public static final String MAX_EVENTS = "max-events";
    public static final String MAX_SESSIONS_PER_USER = "max-sessions-per-user";

    public PolicyViolationException(ProblemDetail problem) {
        super(problem);
    }

    /**
     * Which limit was hit, such as {@link #MAX_SESSION_BYTES}, or {@code null} if the server did not say.
     * A string, not an enum, so that limits added by newer nodes still arrive.
     */
    public String limit() {
        return problem().textExtension("limit");
    }

    /** The limit's value (bytes, events or sessions), or -1 if the server did not say. */
    public long maximum() {
        return orUnknown(problem().longExtension("maximum"));
    }

    /**
     * What the request would have reached (bytes or events), or for the user limit the user's current
     * session count; -1 if the server did not say.
     */
    public long size() {
        return orUnknown(problem().longExtension("size"));
    }

    private static long orUnknown(Long value) {
        return value == null ? -1 : value;
    }
}
