package io.sessiongrid.node.session;

/**
 * A request the engine refuses, with the kind of refusal; the HTTP layer maps each kind to a status
 * and a problem type, the engine knows nothing of HTTP.
 */
public class SessionGridError extends RuntimeException {

    /** Why the request was refused. */
    public enum Kind {
        SESSION_NOT_FOUND, SESSION_EXISTS, VERSION_MISMATCH, MALFORMED_JSON, INVALID_REQUEST, INVALID_ID,
        APP_NOT_FOUND, POLICY_VIOLATION, USER_SESSION_LIMIT, ROUTE_NOT_FOUND, ROUTE_CONFLICT,
        /** A transient conflict inside the grid (a lock held too long): retrying is safe. */
        BUSY,
        /** The durable store failed a write or load the call needed; nothing changed. */
        STORE_UNAVAILABLE,
        /** Too many changes wait for the durable store on this member; nothing changed. */
        STORE_BACKLOG,
        /** A create would make the cluster hold more apps than it admits; nothing changed. */
        APP_LIMIT,
        /** A member's heap after GC is above its high-water mark: writes wait; nothing changed. */
        MEMORY_PRESSURE
    }

    private final Kind kind;

    public SessionGridError(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static SessionGridError notFound(String app, String userId, String sessionId) {
        return new SessionGridError(Kind.SESSION_NOT_FOUND,
                "No session '" + sessionId + "' for user '" + userId + "' in app '" + app + "'");
    }

    /** No session by this id alone (said without the owner, whom the caller may not know). */
    public static SessionGridError notFoundById(String app, String sessionId) {
        return new SessionGridError(Kind.SESSION_NOT_FOUND,
                "No session '" + sessionId + "' addressed by its id in app '" + app + "'");
    }

    public static SessionGridError invalid(String message) {
        return new SessionGridError(Kind.INVALID_REQUEST, message);
    }
}
