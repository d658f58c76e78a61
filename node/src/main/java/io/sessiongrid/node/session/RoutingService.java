package io.sessiongrid.node.session;

import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.sessiongrid.node.config.LimitSettings;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.process.DeleteSessionProcessor;
import io.sessiongrid.node.session.process.IdleSessionsAggregator;
import io.sessiongrid.node.session.process.LastAccessProcessor;
import io.sessiongrid.node.session.process.SweepIdleProcessor;
import io.sessiongrid.node.session.process.TouchSessionProcessor;
import io.sessiongrid.node.session.routing.IndexRouteProcessor;
import io.sessiongrid.node.session.routing.RemoveRouteProcessor;
import io.sessiongrid.node.session.routing.RerouteProcessor;
import io.sessiongrid.node.session.routing.Route;
import io.sessiongrid.node.session.routing.RouteEntry;
import io.sessiongrid.node.session.routing.RouteKey;
import io.sessiongrid.node.session.routing.SetRouteProcessor;
import io.sessiongrid.node.session.routing.WorkerCountsAggregator;
import io.sessiongrid.node.session.routing.WorkerPageAggregator;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;

/**
 * Worker affinity for routing proxies. Routes live in their own small map per app, keyed by session
 * id, with a HASH index on the worker: a lookup by session id is one key read, and every worker
 * query runs on the index where the routes live. The route is the only record of a session's
 * worker, so a reroute is one atomic step per route. A route lookup also touches the session and
 * answers a miss (removing the route) when the session is gone, so a route never leads to a
 * deleted session; routes of ended sessions are also removed by {@code RouteCleaner}.
 */
@Singleton
public class RoutingService {

    /** A reroute repeats while routes are still pinned to the old worker, at most this often. */
    private static final int REROUTE_ROUNDS = 3;

    private final SessionMaps maps;
    private final IdRules ids;
    private final LimitSettings limits;
    private final LifecycleEvents events;
    private final Clock clock;
    private final DurableTier durable;

    public RoutingService(SessionMaps maps, IdRules ids, LimitSettings limits, LifecycleEvents events, Clock clock) {
        this(maps, ids, limits, events, clock, DurableTier.NONE);
    }

    @Inject
    public RoutingService(SessionMaps maps, IdRules ids, LimitSettings limits, LifecycleEvents events, Clock clock,
                          @Nullable DurableTier durable) {
        this.maps = maps;
        this.ids = ids;
        this.limits = limits;
        this.events = events;
        this.clock = clock;
        this.durable = durable == null ? DurableTier.NONE : durable;
    }

    /** Pins a session to a worker, or unpins it with a null worker; the session must exist. */
    @GridOperation("set-worker")
    public RouteEntry setWorker(String app, String userId, String sessionId, String workerId) {
        SessionKey key = new SessionKey(ids.check("App name", app), ids.check("User id", userId),
                ids.check("Session id", sessionId));
        AppPolicy policy = maps.policy(app);
        if (workerId != null) {
            ids.check("Worker id", workerId);
        }
        if (!maps.exists(app)
                || maps.sessions(app).executeOnKey(key, new TouchSessionProcessor(policy.maxIdleSeconds())) == null) {
            throw SessionGridError.notFound(app, userId, sessionId);
        }
        pin(key, workerId);
        return new RouteEntry(sessionId, userId, workerId, 0);
    }

    /**
     * Sets the route of an existing session. A route left by another user's session that no longer
     * exists is cleared first; a live one is a conflict. The session is checked again afterwards:
     * if it went meanwhile (its cleaner may have run before the route existed), the route goes too.
     */
    void pin(SessionKey key, String workerId) {
        claim(key, new SetRouteProcessor(key.userId(), workerId), () -> new SessionGridError(
                SessionGridError.Kind.ROUTE_CONFLICT, "Session id '" + key.sessionId()
                + "' already routes another user's session in app '" + key.app()
                + "'; routed sessions need ids unique within their app"));
        if (workerId != null && !maps.sessions(key.app()).containsKey(key)) {
            maps.routes(key.app()).executeOnKey(new RouteKey(key.app(), key.sessionId()),
                    new RemoveRouteProcessor(key.userId(), workerId));
            throw SessionGridError.notFound(key.app(), key.userId(), key.sessionId());
        }
    }

    /**
     * Enters an existing session in the id index (a route without a worker), so it is found by its id
     * alone; a route it has already stays. Another live user's session with this id is a SESSION_EXISTS
     * conflict: ids addressed alone must be unique within their app.
     */
    void index(SessionKey key) {
        claim(key, new IndexRouteProcessor(key.userId()), () -> new SessionGridError(SessionGridError.Kind.SESSION_EXISTS,
                "Session id '" + key.sessionId() + "' is taken in app '" + key.app()
                        + "'; sessions addressed by id alone need ids unique within their app"));
    }

    /** Runs a route change that answers false for another user's route; a route whose session is gone is cleared first. */
    private void claim(SessionKey key, EntryProcessor<RouteKey, Route, Boolean> change, Supplier<SessionGridError> conflict) {
        IMap<RouteKey, Route> routes = maps.routes(key.app());
        RouteKey routeKey = new RouteKey(key.app(), key.sessionId());
        if (!Boolean.TRUE.equals(routes.executeOnKey(routeKey, change))) {
            Route other = routes.get(routeKey);
            // Null: the other session's cleaner removed its route since the change was refused.
            boolean free = other == null
                    || !maps.sessions(key.app()).containsKey(new SessionKey(key.app(), other.userId(), key.sessionId()));
            if (other != null && free) {
                routes.executeOnKey(routeKey, new RemoveRouteProcessor(other.userId(), other.workerId()));
            }
            if (!free || !Boolean.TRUE.equals(routes.executeOnKey(routeKey, change))) {
                throw conflict.get();
            }
        }
    }

    /**
     * The full key of the session with this id, from the id index. A durable app whose index lost the
     * entry (a full restart reloads only pinned routes) asks the store, and re-indexes a unique answer.
     *
     * @throws SessionGridError SESSION_NOT_FOUND when no session (or more than one user's) has the id
     */
    public SessionKey owner(String app, String sessionId) {
        ids.check("App name", app);
        ids.check("Session id", sessionId);
        AppPolicy policy = maps.policy(app);
        if (!maps.exists(app)) {
            // Not counted: a stranger's names must not take the bounded app tags.
            throw SessionGridError.notFoundById(app, sessionId);
        }
        Route route = maps.routes(app).get(new RouteKey(app, sessionId));
        if (route != null) {
            events.idLookup(app, "hit");
            return new SessionKey(app, route.userId(), sessionId);
        }
        List<SessionKey> stored = durable.storedKeysWithId(app, sessionId, policy);
        // A row a write-behind delete has not reached yet is no session: memory (or a load) decides.
        if (stored.size() == 1 && maps.sessions(app).containsKey(stored.get(0))) {
            index(stored.get(0));
            events.idLookup(app, "store");
            return stored.get(0);
        }
        events.idLookup(app, "miss");
        throw SessionGridError.notFoundById(app, sessionId);
    }

    /** A proxy's lookup by session id: the route and the session's last access, touching it. */
    @GridOperation("route")
    public RouteEntry route(String app, String sessionId) {
        ids.check("App name", app);
        ids.check("Session id", sessionId);
        AppPolicy policy = maps.policy(app);
        RouteKey key = new RouteKey(app, sessionId);
        if (!maps.exists(app)) {
            throw notPinned(app, sessionId);
        }
        Route route = maps.routes(app).get(key);
        if (route != null && route.workerId() == null) {
            // An id-index entry only: the session is pinned nowhere.
            throw notPinned(app, sessionId);
        }
        Double lastAccess = route == null ? null : maps.sessions(app).executeOnKey(
                new SessionKey(app, route.userId(), sessionId), new LastAccessProcessor(policy.maxIdleSeconds()));
        if (lastAccess == null) {
            if (route != null) {
                // Only the route just read: a session re-created and re-pinned meanwhile keeps its own.
                maps.routes(app).executeOnKey(key, new RemoveRouteProcessor(route.userId(), route.workerId()));
            }
            throw notPinned(app, sessionId);
        }
        events.routeLookup(app, true);
        return new RouteEntry(sessionId, route.userId(), route.workerId(), lastAccess);
    }

    @GridOperation("worker-sessions")
    public RoutePage workerSessions(String app, String workerId, Integer pageSize, String pageToken) {
        checkWorker(app, workerId);
        int size = PageTokens.pageSize(pageSize, limits);
        String scope = PageTokens.scope(app, "worker", workerId);
        String after = PageTokens.sessionsAfter(scope, pageToken);
        if (!maps.exists(app)) {
            return new RoutePage(new ArrayList<>(), null);
        }
        List<RouteEntry> found = maps.routes(app).aggregate(new WorkerPageAggregator(after, size, List.of()), onWorker(workerId));
        boolean more = found.size() > size;
        List<RouteEntry> page = more ? found.subList(0, size) : found;
        return new RoutePage(new ArrayList<>(page),
                more ? PageTokens.sessions(scope, page.get(page.size() - 1).sessionId()) : null);
    }

    @GridOperation("worker-count")
    public long workerCount(String app, String workerId) {
        checkWorker(app, workerId);
        return maps.exists(app) ? maps.routes(app).aggregate(Aggregators.count(), onWorker(workerId)) : 0;
    }

    /** Sessions per asked worker (0 for a worker without any), in the order asked. */
    @GridOperation("worker-counts")
    public Map<String, Long> workerCounts(String app, Collection<String> workerIds) {
        ids.check("App name", app);
        maps.policy(app);
        if (workerIds.size() > limits.maxPageSize()) {
            throw SessionGridError.invalid("At most " + limits.maxPageSize() + " workers per count");
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String w : workerIds) {
            counts.put(ids.check("Worker id", w), 0L);
        }
        if (counts.isEmpty() || !maps.exists(app)) {
            return counts;
        }
        Map<String, Long> found = maps.routes(app).aggregate(new WorkerCountsAggregator(Map.of()),
                Predicates.in(Route.WORKER_ATTRIBUTE, counts.keySet().toArray(new String[0])));
        found.forEach((w, n) -> counts.computeIfPresent(w, (k, zero) -> n));
        return counts;
    }

    /**
     * Moves every route of {@code from} to {@code to}, each atomically. Sessions pinned to
     * {@code from} while it runs are caught by repeating it; any left after the last round are reported.
     */
    @GridOperation("reroute")
    public RerouteResult reroute(String app, String from, String to) {
        checkWorker(app, from);
        ids.check("Worker id", to);
        if (from.equals(to)) {
            throw SessionGridError.invalid("A reroute needs another worker to move to than '" + from + "'");
        }
        if (!maps.exists(app)) {
            return new RerouteResult(0, 0);
        }
        IMap<RouteKey, Route> routes = maps.routes(app);
        long moved = 0;
        long remaining = 0;
        for (int round = 0; round < REROUTE_ROUNDS; round++) {
            moved += routes.executeOnEntries(new RerouteProcessor(from, to), onWorker(from)).values().stream()
                    .filter(Boolean.TRUE::equals).count();
            remaining = routes.aggregate(Aggregators.count(), onWorker(from));
            if (remaining == 0) {
                break;
            }
        }
        return new RerouteResult(moved, remaining);
    }

    /**
     * Deletes every session pinned to the worker, then their routes; answers how many sessions went.
     * Sessions go first, so a drain that fails half-way can simply be repeated.
     */
    @GridOperation("worker-delete")
    public long deleteWorkerSessions(String app, String workerId) {
        checkWorker(app, workerId);
        if (!maps.exists(app)) {
            return 0;
        }
        IMap<RouteKey, Route> routes = maps.routes(app);
        IMap<SessionKey, SessionRecord> sessions = maps.sessions(app);
        Set<Map.Entry<RouteKey, Route>> pinned = routes.entrySet(onWorker(workerId));
        List<CompletableFuture<Boolean>> deletes = new ArrayList<>(pinned.size());
        for (Map.Entry<RouteKey, Route> route : pinned) {
            deletes.add(sessions.submitToKey(new SessionKey(app, route.getValue().userId(), route.getKey().sessionId()),
                    new DeleteSessionProcessor()).toCompletableFuture());
        }
        long deleted = deletes.stream().map(CompletableFuture::join).filter(Boolean.TRUE::equals).count();
        List<CompletableFuture<String>> unpins = new ArrayList<>(pinned.size());
        for (Map.Entry<RouteKey, Route> route : pinned) {
            unpins.add(routes.submitToKey(route.getKey(), new RemoveRouteProcessor(route.getValue().userId(), workerId))
                    .toCompletableFuture());
        }
        unpins.forEach(CompletableFuture::join);
        return deleted;
    }

    /**
     * Deletes the app's sessions nobody got, appended to or touched for {@code maxIdleSeconds}: finds
     * them with an aggregation (which is no access), then removes each where it lives after checking
     * again, so a session used in between stays.
     */
    @GridOperation("sweep-idle")
    public long sweepIdle(String app, int maxIdleSeconds) {
        ids.check("App name", app);
        maps.policy(app);
        if (maxIdleSeconds < 1) {
            throw SessionGridError.invalid("maxIdleSeconds must be a whole number of seconds >= 1");
        }
        if (!maps.exists(app)) {
            return 0;
        }
        double cutoff = clock.millis() / 1000.0 - maxIdleSeconds;
        IMap<SessionKey, SessionRecord> sessions = maps.sessions(app);
        List<SessionKey> idle = sessions.aggregate(new IdleSessionsAggregator(cutoff, List.of()));
        List<CompletableFuture<Boolean>> sweeps = new ArrayList<>(idle.size());
        for (SessionKey key : idle) {
            sweeps.add(sessions.submitToKey(key, new SweepIdleProcessor(cutoff)).toCompletableFuture());
        }
        long swept = sweeps.stream().map(CompletableFuture::join).filter(Boolean.TRUE::equals).count();
        // Idle sessions memory does not hold (evicted, or not loaded since a restart) go from the store.
        return swept + durable.sweepIdleRows(app, cutoff, maps.policy(app));
    }

    /** A lookup miss: counted, and answered without saying whether the session exists unpinned. */
    private SessionGridError notPinned(String app, String sessionId) {
        events.routeLookup(app, false);
        return new SessionGridError(SessionGridError.Kind.ROUTE_NOT_FOUND,
                "No session '" + sessionId + "' pinned to a worker in app '" + app + "'");
    }

    private void checkWorker(String app, String workerId) {
        ids.check("App name", app);
        ids.check("Worker id", workerId);
        maps.policy(app);
    }

    private static Predicate<RouteKey, Route> onWorker(String workerId) {
        return Predicates.equal(Route.WORKER_ATTRIBUTE, workerId);
    }
}
