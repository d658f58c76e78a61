package io.sessiongrid.node.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessiongrid.node.session.model.EventWindow;
import io.sessiongrid.node.session.model.SessionKey;
import jakarta.inject.Singleton;

/**
 * Sessions addressed by (app, id) alone, as a web request knows them from its cookie: every call
 * resolves the owner through the id index (one key read, never a scan) and then works on the full key.
 * Sessions created here are entered in the index, so their ids are unique within the app. Without a
 * user they are anonymous: each gets a user id of its own ({@value #ANONYMOUS_PREFIX} and 22 random
 * characters), so anonymous sessions spread over the partitions instead of sharing one user's.
 * <p>Operations are timed as {@code id-get}, {@code id-patch}, … (index lookup included) around the
 * user-keyed operation they run, which is timed too.
 */
@Singleton
public class SessionsById {

    /** The first character of an anonymous session's generated user id. */
    public static final String ANONYMOUS_PREFIX = "~";

    private final SessionService sessions;
    private final RoutingService routing;
    private final SessionRewriter rewriter;
    private final IdRules ids;

    SessionsById(SessionService sessions, RoutingService routing, SessionRewriter rewriter, IdRules ids) {
        this.sessions = sessions;
        this.routing = routing;
        this.rewriter = rewriter;
        this.ids = ids;
    }

    /**
     * Creates a session and enters it in the id index.
     *
     * @param userId the owner, or null for an anonymous session
     * @throws SessionGridError SESSION_EXISTS when another session of the app has the id
     */
    @GridOperation("id-create")
    public Session create(String app, String userId, String sessionId, ObjectNode state, RequestedExpiry expiry) {
        String owner = userId == null ? ANONYMOUS_PREFIX + SessionIds.newId() : userId;
        Session created = sessions.create(app, owner, sessionId, state, expiry);
        try {
            routing.index(created.key());
        } catch (RuntimeException e) {
            sessions.delete(app, owner, created.key().sessionId());
            throw e;
        }
        return created;
    }

    @GridOperation("id-get")
    public Session get(String app, String sessionId, EventWindow window) {
        SessionKey key = routing.owner(app, sessionId);
        try {
            return sessions.get(app, key.userId(), sessionId, window);
        } catch (SessionGridError e) {
            throw byId(e, key);
        }
    }

    /** Merges a state patch without an event; see {@link SessionService#patch}. */
    @GridOperation("id-patch")
    public long patch(String app, String sessionId, ObjectNode patch, long expectedVersion) {
        SessionKey key = routing.owner(app, sessionId);
        try {
            return sessions.patch(app, key.userId(), sessionId, patch, expectedVersion);
        } catch (SessionGridError e) {
            throw byId(e, key);
        }
    }

    /**
     * Gives the session its own idle timeout ({@code seconds} >= 1, at most the app's), or with null the
     * app's (none, if the app has none: the session then never goes idle). Restarts the timeout.
     *
     * @return the session's version, which this does not change
     */
    @GridOperation("id-max-idle")
    public long changeMaxIdle(String app, String sessionId, Integer seconds) {
        SessionKey key = routing.owner(app, sessionId);
        int maxIdle = seconds == null ? 0 : sessions.allowedMaxIdle(app, seconds);
        try {
            return rewriter.changeMaxIdle(key, maxIdle);
        } catch (SessionGridError e) {
            throw byId(e, key);
        }
    }

    @GridOperation("id-touch")
    public void touch(String app, String sessionId) {
        SessionKey key = routing.owner(app, sessionId);
        try {
            sessions.touch(app, key.userId(), sessionId);
        } catch (SessionGridError e) {
            throw byId(e, key);
        }
    }

    /** Deletes the session; deleting an absent one succeeds. */
    @GridOperation("id-delete")
    public void delete(String app, String sessionId) {
        SessionKey key;
        try {
            key = routing.owner(app, sessionId);
        } catch (SessionGridError e) {
            if (e.kind() == SessionGridError.Kind.SESSION_NOT_FOUND) {
                return;
            }
            throw e;
        }
        sessions.delete(app, key.userId(), sessionId);
    }

    /**
     * Gives the session a new id; the old id answers 404 from then on. State, events and timeouts stay.
     *
     * @param newId the id to take (a client that must know it before the call returns, as a web framework
     *              setting the cookie), or null for a generated one
     * @throws SessionGridError SESSION_EXISTS when another session of the app has {@code newId}
     */
    @GridOperation("change-id")
    public Session changeId(String app, String sessionId, String newId) {
        SessionKey from = routing.owner(app, sessionId);
        SessionKey to = new SessionKey(app, from.userId(), newId == null ? SessionIds.newId() : ids.check("Session id", newId));
        rewriter.move(from, to);
        return sessions.get(app, to.userId(), to.sessionId(), EventWindow.ALL);
    }

    /**
     * Makes the session {@code userId}'s (an anonymous session at login), within the app's per-user
     * limit; the id stays. The user's own state layer applies from then on.
     */
    @GridOperation("rekey")
    public Session rekey(String app, String sessionId, String userId) {
        ids.check("User id", userId);
        SessionKey from = routing.owner(app, sessionId);
        if (!from.userId().equals(userId)) {
            rewriter.move(from, new SessionKey(app, userId, sessionId));
        }
        return sessions.get(app, userId, sessionId, EventWindow.ALL);
    }

    /** A miss after the index named an owner: the session went meanwhile. Said without the owner. */
    private static SessionGridError byId(SessionGridError e, SessionKey key) {
        if (e.kind() != SessionGridError.Kind.SESSION_NOT_FOUND) {
            return e;
        }
        return new SessionGridError(SessionGridError.Kind.SESSION_NOT_FOUND,
                "No session '" + key.sessionId() + "' addressed by its id in app '" + key.app() + "'");
    }
}
