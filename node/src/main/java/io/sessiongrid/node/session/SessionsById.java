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
        Session created = userId == null
                ? sessions.createForNewUser(app, ANONYMOUS_PREFIX + SessionIds.newId(), sessionId, state, expiry)
                : sessions.create(app, named(userId), sessionId, state, expiry);
        String owner = created.key().userId();
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
        return onOwner(app, sessionId, key -> sessions.get(app, key.userId(), sessionId, window));
    }

    /** Merges a state patch without an event; see {@link SessionService#patch}. */
    @GridOperation("id-patch")
    public long patch(String app, String sessionId, ObjectNode patch, long expectedVersion) {
        return onOwner(app, sessionId, key -> sessions.patch(app, key.userId(), sessionId, patch, expectedVersion));
    }

    /** Checks an idle timeout against the app's before anything of a request changes. */
    public void checkMaxIdle(String app, Integer seconds) {
        if (seconds != null) {
            sessions.allowedMaxIdle(app, seconds);
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
        int maxIdle = seconds == null ? 0 : sessions.allowedMaxIdle(app, seconds);
        return onOwner(app, sessionId, key -> rewriter.changeMaxIdle(key, maxIdle));
    }

    @GridOperation("id-touch")
    public void touch(String app, String sessionId) {
        onOwner(app, sessionId, key -> {
            sessions.touch(app, key.userId(), sessionId);
            return null;
        });
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
     * limit, or anonymous again with {@code userId} null (a logout that keeps the session): it gets a
     * generated owner of its own, so it leaves the former user's listings, counts and "log out
     * everywhere". The id stays. The new owner's {@code user:} layer applies from then on.
     */
    @GridOperation("rekey")
    public Session rekey(String app, String sessionId, String userId) {
        if (userId != null) {
            named(userId);
        }
        SessionKey from = routing.owner(app, sessionId);
        String owner = userId != null ? userId
                : from.userId().startsWith(ANONYMOUS_PREFIX) ? from.userId() : ANONYMOUS_PREFIX + SessionIds.newId();
        if (!from.userId().equals(owner)) {
            rewriter.move(from, new SessionKey(app, owner, sessionId));
        }
        return sessions.get(app, owner, sessionId, EventWindow.ALL);
    }

    /**
     * Runs a call on the session's full key. A miss after the index named an owner may be a re-key that
     * finished in between (the call waited for its lock): the index is asked once more.
     */
    private <T> T onOwner(String app, String sessionId, java.util.function.Function<SessionKey, T> call) {
        SessionKey key = routing.owner(app, sessionId);
        try {
            return call.apply(key);
        } catch (SessionGridError e) {
            if (e.kind() != SessionGridError.Kind.SESSION_NOT_FOUND) {
                throw e;
            }
            SessionKey now;
            try {
                now = routing.owner(app, sessionId);
            } catch (SessionGridError gone) {
                throw byId(e, key);
            }
            if (now.equals(key)) {
                throw byId(e, key);
            }
            try {
                return call.apply(now);
            } catch (SessionGridError again) {
                throw byId(again, now);
            }
        }
    }

    /** A user id given by a caller: user ids starting with {@value #ANONYMOUS_PREFIX} are the grid's own. */
    private String named(String userId) {
        ids.check("User id", userId);
        if (userId.startsWith(ANONYMOUS_PREFIX)) {
            throw new SessionGridError(SessionGridError.Kind.INVALID_ID, "User ids starting with '" + ANONYMOUS_PREFIX
                    + "' are reserved for anonymous sessions");
        }
        return userId;
    }

    /** A miss after the index named an owner: the session went meanwhile. Said without the owner. */
    private static SessionGridError byId(SessionGridError e, SessionKey key) {
        return e.kind() == SessionGridError.Kind.SESSION_NOT_FOUND ? SessionGridError.notFoundById(key.app(), key.sessionId()) : e;
    }
}
