package io.sessiongrid.node.session;

import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.policy.UserLimitAction;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.model.UserKey;
import io.sessiongrid.node.session.process.DeleteSessionProcessor;
import io.sessiongrid.node.session.process.UserSessions;
import io.sessiongrid.node.session.process.UserSessionsAggregator;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A user's sessions as a group: count them, delete them all ("log out everywhere"), keep them under
 * the app's per-user limit. A user's sessions share one partition (keys are partitioned by app and
 * user), so each of these reads or changes one partition, never the cluster. Expired and evicted
 * sessions are simply absent from the partition, so they leave this index the moment they go.
 */
@Singleton
public class UserSessionService {

    static final String MAX_SESSIONS_PER_USER = "max-sessions-per-user";
    static final String CAUSE_USER_LIMIT = "user-limit";
    /** No session has an empty id, so this key only ever carries the user's create lock. */
    private static final String LOCK_ID = "";
    /** A lock holder that dies cannot block the user's creates for longer than this. */
    private static final long LOCK_LEASE_SECONDS = 30;
    /** A create waits this long for the user's other creates, then answers 503 (retryable). */
    private static final long LOCK_WAIT_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(UserSessionService.class);
    private static final int VICTIMS_PER_ROUND = 4;

    private final SessionMaps maps;
    private final IdRules ids;
    private final LifecycleEvents events;
    private final DurableTier durable;

    public UserSessionService(SessionMaps maps, IdRules ids, LifecycleEvents events) {
        this(maps, ids, events, DurableTier.NONE);
    }

    @Inject
    public UserSessionService(SessionMaps maps, IdRules ids, LifecycleEvents events, @Nullable DurableTier durable) {
        this.maps = maps;
        this.ids = ids;
        this.events = events;
        this.durable = durable == null ? DurableTier.NONE : durable;
    }

    @GridOperation("user-count")
    public long count(String app, String userId) {
        check(app, userId);
        maps.policy(app);
        if (!maps.exists(app)) {
            return 0;
        }
        return countWithStored(app, userId, sessionsOf(app, userId, 0).count());
    }

    /**
     * A durable app's count includes sessions only the store holds (evicted, or not loaded since a
     * restart): the union of memory's and the store's keys. A WRITE_BEHIND delete not yet stored still
     * counts until it is.
     */
    private long countWithStored(String app, String userId, long inMemory) {
        List<SessionKey> stored = durable.storedKeysOfUser(app, userId, maps.policy(app));
        if (stored.isEmpty()) {
            return inMemory;
        }
        Set<SessionKey> keys = new HashSet<>(stored);
        keys.addAll(maps.sessions(app).keySet(inPartitionOf(app, userId, Predicates.equal("__key.userId", userId))));
        return keys.size();
    }

    /** Deletes every session of the user in the app; their user and app state stay. */
    @GridOperation("user-delete")
    public int deleteAll(String app, String userId) {
        check(app, userId);
        maps.policy(app);
        if (!maps.exists(app)) {
            return 0;
        }
        double started = System.currentTimeMillis() / 1000.0;
        long stored = countWithStored(app, userId, 0);
        IMap<SessionKey, SessionRecord> sessions = maps.sessions(app);
        Predicate<SessionKey, SessionRecord> ofUser = inPartitionOf(app, userId, Predicates.equal("__key.userId", userId));
        Map<SessionKey, Boolean> removed = sessions.executeOnEntries(new DeleteSessionProcessor(), ofUser);
        long inMemory = removed.values().stream().filter(Boolean.TRUE::equals).count();
        // Sessions being moved or re-timed were skipped (locked): each goes now, once its lock is free, so a
        // rewrite that finishes after the run cannot bring a session back.
        for (SessionKey left : sessions.keySet(ofUser)) {
            if (Boolean.TRUE.equals(sessions.executeOnKey(left, new DeleteSessionProcessor()))) {
                inMemory++;
            }
        }
        // Stored sessions memory does not hold go from the store directly.
        durable.deleteUserRows(app, userId, started, maps.policy(app));
        return (int) Math.max(inMemory, stored);
    }

    /**
     * Runs {@code create} within the app's per-user limit. Creates of one user take a lock in turn (a
     * key lock in the sessions map, on the user's partition), so two creates can never both see room
     * for one more. EVICT_OLDEST creates first and then deletes the least recently used sessions
     * under the same lock: a create that fails never costs the user a session. Without a limit
     * nothing is locked. A generated id is known to be new, so the store is not asked about it.
     */
    void admit(SessionKey key, AppPolicy policy, boolean generatedId, Runnable create) {
        int limit = policy.maxSessionsPerUser();
        if (limit == 0) {
            create.run();
            return;
        }
        IMap<SessionKey, SessionRecord> map = maps.sessions(key.app());
        SessionKey lock = new SessionKey(key.app(), key.userId(), LOCK_ID);
        if (!tryLock(map, lock)) {
            throw new SessionGridError(SessionGridError.Kind.BUSY, "Another create for user '" + key.userId()
                    + "' in app '" + key.app() + "' is still running; retry");
        }
        try {
            if (generatedId || !map.containsKey(key)) {
                UserSessions memory = sessionsOf(key.app(), key.userId(), 0);
                UserSessions held = new UserSessions(countWithStored(key.app(), key.userId(), memory.count()), memory.oldest());
                if (held.count() >= limit && policy.onUserLimit() == UserLimitAction.REJECT) {
                    events.violation(key.app(), MAX_SESSIONS_PER_USER);
                    throw new PolicyViolationError(SessionGridError.Kind.USER_SESSION_LIMIT, MAX_SESSIONS_PER_USER,
                            limit, held.count(), "User '" + key.userId() + "' already holds " + held.count()
                            + " sessions in app '" + key.app() + "', the most it allows");
                }
            }
            create.run();
            evictOverLimit(key, limit, map);
        } finally {
            unlock(map, lock);
        }
    }

    /** Deletes the user's least recently used sessions until the user holds at most {@code limit}. */
    private void evictOverLimit(SessionKey key, int limit, IMap<SessionKey, SessionRecord> map) {
        UserSessions held = sessionsOf(key.app(), key.userId(), VICTIMS_PER_ROUND);
        while (held.count() > limit && !held.oldest().isEmpty()) {
            long excess = held.count() - limit;
            for (UserSessions.Used victim : held.oldest().subList(0, (int) Math.min(excess, held.oldest().size()))) {
                // Not IMap.remove: it would ship the whole victim record back just to be dropped.
                if (Boolean.TRUE.equals(map.executeOnKey(new SessionKey(key.app(), key.userId(), victim.sessionId()),
                        new DeleteSessionProcessor()))) {
                    events.evicted(key.app(), CAUSE_USER_LIMIT);
                }
            }
            held = sessionsOf(key.app(), key.userId(), VICTIMS_PER_ROUND);
        }
    }

    private static boolean tryLock(IMap<SessionKey, SessionRecord> map, SessionKey lock) {
        try {
            return map.tryLock(lock, LOCK_WAIT_SECONDS, TimeUnit.SECONDS, LOCK_LEASE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void unlock(IMap<SessionKey, SessionRecord> map, SessionKey lock) {
        try {
            map.unlock(lock);
        } catch (IllegalMonitorStateException e) {
            // The lease ran out first: the lock is already free, the create itself has completed.
            LOG.warn("The per-user create lock of {} expired before the create finished", lock.userKey());
        }
    }

    private UserSessions sessionsOf(String app, String userId, int victims) {
        return maps.sessions(app).aggregate(new UserSessionsAggregator(userId, victims),
                inPartitionOf(app, userId, Predicates.alwaysTrue()));
    }

    private static Predicate<SessionKey, SessionRecord> inPartitionOf(String app, String userId,
                                                                     Predicate<SessionKey, SessionRecord> inner) {
        return Predicates.partitionPredicate(UserKey.partitionKeyOf(app, userId), inner);
    }

    private void check(String app, String userId) {
        ids.check("App name", app);
        ids.check("User id", userId);
    }
}
