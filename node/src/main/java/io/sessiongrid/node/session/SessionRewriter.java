package io.sessiongrid.node.session;

import com.hazelcast.map.IMap;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.routing.Route;
import io.sessiongrid.node.session.routing.RouteKey;
import io.sessiongrid.node.session.routing.ReassignRouteProcessor;
import io.sessiongrid.node.session.routing.RemoveRouteProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Rewrites a session's entry where an entry processor cannot: Hazelcast keeps an entry's idle timeout
 * beside it and sets it only with a put, and a processor cannot write another key. The key is locked
 * meanwhile (processors on it wait), so a change either lands before the rewrite or after it. The
 * lifetime keeps running from the create: a rewritten entry gets what is left of it.
 * <ul>
 *   <li>A move to another key — a new id (session fixation protection at login) or another user (an
 *   anonymous session becoming the principal's) — with state, events, version and timeouts. The new
 *   entry is written before the old one is deleted, so a failure half-way leaves two copies, never none.
 *   <li>A new idle timeout for the session (a web framework's per-session setting).
 * </ul>
 */
@Singleton
class SessionRewriter {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRewriter.class);

    private static final long LOCK_WAIT_SECONDS = 5;
    private static final long LOCK_LEASE_SECONDS = 30;

    private final SessionMaps maps;
    private final RoutingService routing;
    private final UserSessionService users;
    private final Clock clock;

    SessionRewriter(SessionMaps maps, RoutingService routing, UserSessionService users, Clock clock) {
        this.maps = maps;
        this.routing = routing;
        this.users = users;
        this.clock = clock;
    }

    /** @throws SessionGridError SESSION_NOT_FOUND when {@code from} is gone, SESSION_EXISTS when {@code to} is taken */
    void move(SessionKey from, SessionKey to) {
        String app = from.app();
        AppPolicy policy = maps.policy(app);
        IMap<SessionKey, SessionRecord> sessions = maps.sessions(app);
        lock(sessions, from);
        try {
            SessionRecord record = sessions.get(from);
            if (record == null) {
                throw SessionGridError.notFoundById(from.app(), from.sessionId());
            }
            boolean sameUser = from.userId().equals(to.userId());
            Runnable insert = () -> insert(sessions, to, record, policy);
            if (sameUser) {
                insert.run();
            } else {
                users.admit(to, policy, false, insert);
            }
            try {
                reindex(from, to);
            } catch (RuntimeException e) {
                sessions.delete(to);  // the id is another user's: the move does not happen
                throw e;
            }
            try {
                sessions.delete(from);
            } catch (RuntimeException e) {
                LOG.warn("Moved session {} to {} but could not delete the old entry; both exist until it expires or"
                        + " is deleted: {}", from, to, e.toString());
                throw e;
            }
        } finally {
            unlock(sessions, from);
        }
    }

    /**
     * Gives the session its own idle timeout, or the app's with 0; restarts it (this is an access).
     *
     * @return the session's version, unchanged
     */
    long changeMaxIdle(SessionKey key, int maxIdleSeconds) {
        AppPolicy policy = maps.policy(key.app());
        IMap<SessionKey, SessionRecord> sessions = maps.sessions(key.app());
        lock(sessions, key);
        try {
            SessionRecord record = sessions.get(key);
            if (record == null) {
                throw SessionGridError.notFoundById(key.app(), key.sessionId());
            }
            SessionRecord changed = record.withMaxIdle(maxIdleSeconds);
            sessions.set(key, changed, lifetimeLeft(changed, policy), TimeUnit.SECONDS, idleArgument(changed), TimeUnit.SECONDS);
            return changed.version();
        } finally {
            unlock(sessions, key);
        }
    }

    /** Seconds left of the session's lifetime, or -1 for the map's (the app's), which has none when 0. */
    private long lifetimeLeft(SessionRecord record, AppPolicy policy) {
        long ttl = record.ttlSeconds() > 0 ? record.ttlSeconds() : policy.ttlSeconds();
        if (ttl <= 0) {
            return -1;
        }
        double end = record.createTime() + ttl;
        return Math.max(1, (long) Math.ceil(end - clock.millis() / 1000.0));
    }

    /** Hazelcast's per-entry idle argument: the session's own, or -1 for the map's (the app's). */
    private static long idleArgument(SessionRecord record) {
        return record.maxIdleSeconds() > 0 ? record.maxIdleSeconds() : -1;
    }

    private void insert(IMap<SessionKey, SessionRecord> sessions, SessionKey to, SessionRecord record, AppPolicy policy) {
        if (sessions.putIfAbsent(to, record, lifetimeLeft(record, policy), TimeUnit.SECONDS,
                idleArgument(record), TimeUnit.SECONDS) != null) {
            throw new SessionGridError(SessionGridError.Kind.SESSION_EXISTS, "Session '" + to.sessionId()
                    + "' already exists for user '" + to.userId() + "' in app '" + to.app() + "'");
        }
    }

    /** The new key takes the id index entry (and the worker, when pinned); the old id's entry goes. */
    private void reindex(SessionKey from, SessionKey to) {
        IMap<RouteKey, Route> routes = maps.routes(from.app());
        RouteKey oldRoute = new RouteKey(from.app(), from.sessionId());
        if (from.sessionId().equals(to.sessionId())) {
            // One route key for both: it changes owner in one step, worker kept.
            if (!Boolean.TRUE.equals(routes.executeOnKey(oldRoute, new ReassignRouteProcessor(from.userId(), to.userId())))) {
                throw new SessionGridError(SessionGridError.Kind.SESSION_EXISTS, "Session id '" + to.sessionId()
                        + "' routes another user's session in app '" + to.app() + "'");
            }
            return;
        }
        Route route = routes.get(oldRoute);
        String worker = route != null && route.userId().equals(from.userId()) ? route.workerId() : null;
        if (worker != null) {
            routing.pin(to, worker);
        } else {
            routing.index(to);
        }
        routes.executeOnKey(oldRoute, new RemoveRouteProcessor(from.userId(), null));
    }

    private static void unlock(IMap<SessionKey, SessionRecord> sessions, SessionKey key) {
        try {
            sessions.unlock(key);
        } catch (IllegalMonitorStateException e) {
            // The lease ran out first: the lock is free already, and the rewrite itself completed.
            LOG.warn("The lock on session {} expired before its rewrite finished", key);
        }
    }

    private static void lock(IMap<SessionKey, SessionRecord> sessions, SessionKey key) {
        boolean locked;
        try {
            locked = sessions.tryLock(key, LOCK_WAIT_SECONDS, TimeUnit.SECONDS, LOCK_LEASE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionGridError(SessionGridError.Kind.BUSY, "Interrupted while waiting for a session lock");
        }
        if (!locked) {
            throw new SessionGridError(SessionGridError.Kind.BUSY, "Session '" + key.sessionId() + "' in app '"
                    + key.app() + "' is being changed by another call; retry");
        }
    }
}
