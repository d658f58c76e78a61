package io.sessiongrid.node.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.sessiongrid.node.concurrent.Stages;
import io.sessiongrid.node.config.LimitSettings;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.policy.EventsOverflow;
import io.sessiongrid.node.session.event.EventNormalizer;
import io.sessiongrid.node.session.event.IncomingEvent;
import io.sessiongrid.node.session.event.StateDelta;
import io.sessiongrid.node.session.event.StateJson;
import io.sessiongrid.node.session.model.AppendPlan;
import io.sessiongrid.node.session.model.EventSlice;
import io.sessiongrid.node.session.model.EventWindow;
import io.sessiongrid.node.session.model.LayerState;
import io.sessiongrid.node.session.model.LayerValues;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.model.SessionSummary;
import io.sessiongrid.node.session.model.SessionTraits;
import io.sessiongrid.node.session.model.SessionView;
import io.sessiongrid.node.session.model.Stamp;
import io.sessiongrid.node.session.model.StoredEvent;
import io.sessiongrid.node.session.model.UserKey;
import io.sessiongrid.node.session.process.AppendEventProcessor;
import io.sessiongrid.node.session.process.PatchOutcome;
import io.sessiongrid.node.session.process.PatchStateProcessor;
import io.sessiongrid.node.session.routing.Route;
import io.sessiongrid.node.session.routing.RouteKey;
import io.sessiongrid.node.session.process.AppendOutcome;
import io.sessiongrid.node.session.process.ApplyLayerDeltaProcessor;
import io.sessiongrid.node.session.process.ReadEventsProcessor;
import io.sessiongrid.node.session.process.ReadLayerProcessor;
import io.sessiongrid.node.session.process.ReadSessionProcessor;
import io.sessiongrid.node.session.process.SessionLimits;
import io.sessiongrid.node.session.process.SessionPageAggregator;
import io.sessiongrid.node.session.process.TouchSessionProcessor;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * The session operations, one method each. Every change to a session is one entry processor on its
 * key; app and user deltas are separate, idempotent, stamp-ordered steps (an entry processor may not
 * write another map), applied before the call returns.
 */
@Singleton
public class SessionService {

    private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);

    /** Violation kinds besides the limits an append plan names. */
    static final String MAX_EVENT_BYTES = "max-event-bytes";
    static final String EVENTS_DROPPED = "events-dropped";

    private final SessionMaps maps;
    private final UserSessionService users;
    private final RoutingService routing;
    private final EventNormalizer normalizer;
    private final StateJson json;
    private final IdRules ids;
    private final LimitSettings limits;
    private final LifecycleEvents events;
    private final Clock clock;
    private final DurableTier durable;
    private final WriteAdmission admission;

    public SessionService(SessionMaps maps, UserSessionService users, RoutingService routing, EventNormalizer normalizer,
                          StateJson json, IdRules ids, LimitSettings limits, LifecycleEvents events, Clock clock) {
        this(maps, users, routing, normalizer, json, ids, limits, events, clock, DurableTier.NONE, WriteAdmission.NONE);
    }

    @Inject
    public SessionService(SessionMaps maps, UserSessionService users, RoutingService routing, EventNormalizer normalizer,
                          StateJson json, IdRules ids, LimitSettings limits, LifecycleEvents events, Clock clock,
                          @Nullable DurableTier durable, @Nullable WriteAdmission admission) {
        this.maps = maps;
        this.users = users;
        this.routing = routing;
        this.normalizer = normalizer;
        this.json = json;
        this.ids = ids;
        this.limits = limits;
        this.events = events;
        this.clock = clock;
        this.durable = durable == null ? DurableTier.NONE : durable;
        this.admission = admission == null ? WriteAdmission.NONE : admission;
    }

    /** Creates a session that expires as its app's policy says. */
    @GridOperation("create")
    public Session create(String app, String userId, String sessionId, ObjectNode initialState) {
        return create(app, userId, sessionId, initialState, RequestedExpiry.APP_DEFAULTS);
    }

    /**
     * Creates a session; a null id gets a generated one. The initial state is split like a delta. The
     * session may ask for a shorter lifetime or idle timeout than its app's, never a longer one.
     *
     * @param expiry the session's own TTL and idle timeout, each null for the app's
     * @throws SessionGridError SESSION_EXISTS when the id is taken (nothing is overwritten); a
     *                          {@link PolicyViolationError} when the state is over the app's size limit,
     *                          the expiry over the app's, or the user at the app's session limit (REJECT)
     */
    @GridOperation("create")
    public Session create(String app, String userId, String sessionId, ObjectNode initialState, RequestedExpiry expiry) {
        return create(app, userId, sessionId, initialState, expiry, null);
    }

    /**
     * Creates a session as {@link #create(String, String, String, ObjectNode, RequestedExpiry)} does,
     * pinned to {@code workerId} when not null.
     *
     * @throws SessionGridError ROUTE_CONFLICT when another user's session routes by the same id (the
     *                          new session is removed again)
     */
    @GridOperation("create")
    public Session create(String app, String userId, String sessionId, ObjectNode initialState, RequestedExpiry expiry,
                          String workerId) {
        return create(app, userId, sessionId, initialState, expiry, workerId, false);
    }

    /**
     * Creates the first session of a user id just generated (an anonymous web session's): no session
     * can exist under it, so neither the store nor the per-user limit is asked.
     */
    Session createForNewUser(String app, String userId, String sessionId, ObjectNode initialState,
                             RequestedExpiry expiry) {
        return create(app, userId, sessionId, initialState, expiry, null, true);
    }

    private Session create(String app, String userId, String sessionId, ObjectNode initialState, RequestedExpiry expiry,
                           String workerId, boolean newUser) {
        SessionKey key = key(app, userId, sessionId == null ? SessionIds.newId() : sessionId);
        NewSession made = newSession(key, initialState, expiry);
        if (workerId != null) {
            ids.check("Worker id", workerId);
        }
        boolean generated = sessionId == null || newUser;
        Runnable insert = () -> {
            insert(key, made.record(), made.ttl(), made.maxIdle(), generated);
            if (workerId != null) {
                pinOrUndo(key, workerId);
            }
        };
        if (newUser) {
            insert.run();
        } else {
            users.admit(key, made.policy(), generated, insert);
        }
        CreatedLayers layers;
        try {
            // Off Hazelcast's threads: a step may start a call (a read after an older member's answer).
            layers = await(layersOfCreate(layerMaps(app), key, made.delta(), made.stamp(key), ForkJoinPool.commonPool()));
        } catch (SessionGridError e) {
            if (e.kind() == SessionGridError.Kind.STORE_UNAVAILABLE) {
                // The store refused the layers: undo the create, so a retry is a create, not a 409.
                undoCreate(key);
            }
            throw e;
        }
        return created(key, made.record(), made.policy(), workerId, layers);
    }

    /** A session about to be inserted, checked against its app's policy, and what goes with it. */
    private record NewSession(AppPolicy policy, int ttl, int maxIdle, StateDelta delta, SessionRecord record) {
        Stamp stamp(SessionKey key) {
            return new Stamp(record.createTime(), Stamp.origin(key), 0);
        }
    }

    /** Checks a create's input and the app's limits, admits the app, and builds the record. */
    private NewSession newSession(SessionKey key, ObjectNode initialState, RequestedExpiry expiry) {
        String app = key.app();
        AppPolicy policy = maps.policy(app);
        int ttl = expiry.ttlWithin(app, policy, events);
        int maxIdle = expiry.maxIdleWithin(app, policy, events);
        StateDelta delta = json.split(initialState, "state");
        admitWrite(app, policy);
        long size = SessionRecord.stateBytes(delta.session());
        if (policy.maxSessionBytes() > 0 && size > policy.maxSessionBytes()) {
            throw refused(app, AppendPlan.MAX_SESSION_BYTES, policy.maxSessionBytes(), size);
        }
        maps.admit(app);
        return new NewSession(policy, ttl, maxIdle, delta, new SessionRecord(nowSeconds(), delta.session(), ttl, maxIdle));
    }

    /**
     * {@link #create(String, String, String, ObjectNode, RequestedExpiry, String)} without a waiting thread
     * where that is possible: a plain create (no worker to pin, no per-user limit to hold under a lock, an
     * app this member has admitted and made maps for, an id chosen by the caller or an app without a
     * store) is one {@code putIfAbsent}, then one call per layer (its write, which answers the layer, or
     * its read), each started where the one before answered ({@link GridCalls#partitionThreadOr}); the
     * result arrives on {@code steps}.
     * Any other runs the waiting create on {@code blocking}. Bad input throws at once.
     */
    @GridOperation("create")
    public CompletableFuture<Session> createAsync(String app, String userId, String sessionId, ObjectNode initialState,
                                                  RequestedExpiry expiry, String workerId, Executor steps,
                                                  Executor blocking) {
        SessionKey key = key(app, userId, sessionId == null ? SessionIds.newId() : sessionId);
        AppPolicy policy = maps.policy(app);
        boolean plain = workerId == null && policy.maxSessionsPerUser() == 0 && maps.readyToCreate(app)
                && (sessionId != null || !policy.durable());
        if (!plain) {
            // Stages.map so a failure arrives as itself, not inside supplyAsync's CompletionException.
            return Stages.map(CompletableFuture.supplyAsync(
                    () -> create(app, userId, sessionId, initialState, expiry, workerId, false), blocking), done -> done);
        }
        NewSession made = newSession(key, initialState, expiry); // admitted already: asks the grid nothing
        // As an append: each step runs where the grid call before it answered; the result moves to steps.
        Executor next = GridCalls.partitionThreadOr(steps);
        LayerMaps layerMaps = layerMaps(app);
        CompletableFuture<Boolean> inserted = GridCalls.putIfAbsent(maps.sessions(app), key, made.record(),
                made.ttl() > 0 ? made.ttl() : -1, made.maxIdle() > 0 ? made.maxIdle() : -1, next, blocking);
        return Stages.on(steps, Stages.compose(inserted, put -> {
            if (!put) {
                throw exists(key);
            }
            CompletableFuture<Session> session = new CompletableFuture<>();
            layersOfCreate(layerMaps, key, made.delta(), made.stamp(key), next).whenComplete((layers, failure) -> {
                if (failure instanceof SessionGridError e && e.kind() == SessionGridError.Kind.STORE_UNAVAILABLE) {
                    // As the waiting create: undo, so a retry is a create, not a 409 (the delete waits: not here).
                    Stages.failingInto(blocking, session).execute(() -> {
                        undoCreate(key);
                        session.completeExceptionally(e);
                    });
                } else if (failure != null) {
                    session.completeExceptionally(failure);
                } else {
                    try {
                        session.complete(created(key, made.record(), made.policy(), null, layers));
                    } catch (RuntimeException e) {
                        session.completeExceptionally(e);
                    }
                }
            });
            return session;
        }));
    }

    /** The shared layers as a create leaves them. */
    private record CreatedLayers(LayerValues app, LayerValues user) {
    }

    /** An app's two shared-layer maps, looked up before a step that may run on a partition thread. */
    private record LayerMaps(IMap<UserKey, LayerState> user, IMap<String, LayerState> app) {
    }

    private LayerMaps layerMaps(String app) {
        return new LayerMaps(maps.userState(app), maps.appState());
    }

    /**
     * Applies a create's {@code user:} and {@code app:} parts and answers both layers as they leave them:
     * one grid call per layer, in parallel (the write answers its layer; a layer the create does not
     * touch is read). {@code steps} must be able to start grid calls.
     */
    private CompletableFuture<CreatedLayers> layersOfCreate(LayerMaps layerMaps, SessionKey key, StateDelta delta,
                                                            Stamp stamp, Executor steps) {
        CompletableFuture<LayerValues> user = layerAfter(layerMaps.user(), key.userKey(), delta.user(), stamp, steps);
        CompletableFuture<LayerValues> app = layerAfter(layerMaps.app(), key.app(), delta.app(), stamp, steps);
        return Stages.map(Stages.all(user, app), done -> new CreatedLayers(app.getNow(null), user.getNow(null)));
    }

    private static <K> CompletableFuture<LayerValues> layerAfter(IMap<K, LayerState> map, K key, Map<String, byte[]> delta,
                                                                 Stamp stamp, Executor steps) {
        if (delta.isEmpty()) {
            return GridCalls.submit(map, key, new ReadLayerProcessor<>(), steps);
        }
        return Stages.compose(GridCalls.submit(map, key, ApplyLayerDeltaProcessor.answeringLayer(delta, stamp), steps),
                answer -> answer instanceof LayerValues values ? CompletableFuture.completedFuture(values)
                        // A member older than the flag answered with its count: read the layer, as before it.
                        : GridCalls.submit(map, key, new ReadLayerProcessor<>(), steps));
    }

    /**
     * The session just created, as a read would show it: the record is the one inserted, the layers
     * are as the create left them, and its worker is the one just pinned.
     */
    private Session created(SessionKey key, SessionRecord record, AppPolicy policy, String workerId, CreatedLayers layers) {
        SessionView v = record.view(EventWindow.ALL);
        return new Session(key, v.createTime(), v.lastUpdateTime(), v.version(), merge(v.state(), layers.app(), layers.user()),
                v.events(), effective(v.traits(), policy), workerId);
    }

    private void undoCreate(SessionKey key) {
        try {
            maps.sessions(key.app()).delete(key);
        } catch (RuntimeException e) {
            LOG.warn("Could not undo the create of {} after its state layers failed to store: {}", key, e.toString());
        }
    }

    private void pinOrUndo(SessionKey key, String workerId) {
        try {
            routing.pin(key, workerId);
        } catch (RuntimeException e) {
            // Not pinned (conflict, or the grid failed): the create must not stand half-done.
            maps.sessions(key.app()).delete(key);
            throw e;
        }
    }

    /**
     * Puts a new record with its own expiry; 0 lets the map's (the app's) apply. A generated id (128
     * random bits) is new by construction: it is set without asking whether it exists, which in a
     * durable app would ask the store (a query per create, and a 503 while the database is away).
     */
    private void insert(SessionKey key, SessionRecord record, int ttl, int maxIdle, boolean generated) {
        IMap<SessionKey, SessionRecord> map = maps.sessions(key.app());
        if (generated) {
            map.set(key, record, ttl > 0 ? ttl : -1, TimeUnit.SECONDS, maxIdle > 0 ? maxIdle : -1, TimeUnit.SECONDS);
            return;
        }
        // putIfAbsent answers a conflict with the whole existing record: ask the cheap question first.
        boolean taken = map.containsKey(key) || map.putIfAbsent(key, record,
                ttl > 0 ? ttl : -1, TimeUnit.SECONDS, maxIdle > 0 ? maxIdle : -1, TimeUnit.SECONDS) != null;
        if (taken) {
            throw exists(key);
        }
    }

    private static SessionGridError exists(SessionKey key) {
        return new SessionGridError(SessionGridError.Kind.SESSION_EXISTS, "Session '" + key.sessionId()
                + "' already exists for user '" + key.userId() + "' in app '" + key.app() + "'");
    }

    /** A session's own idle timeout as asked for, checked against its app's (never longer). */
    int allowedMaxIdle(String app, int seconds) {
        return new RequestedExpiry(null, seconds).maxIdleWithin(app, maps.policy(app), events);
    }

    /** Marks a session used, restarting its idle timeout. */
    @GridOperation("touch")
    public void touch(String app, String userId, String sessionId) {
        SessionKey key = key(app, userId, sessionId);
        AppPolicy policy = maps.policy(app);
        requireApp(key);
        if (maps.sessions(app).executeOnKey(key, new TouchSessionProcessor(policy.maxIdleSeconds())) == null) {
            throw SessionGridError.notFound(app, userId, sessionId);
        }
    }

    /** The app's effective policy. */
    @GridOperation("policy")
    public AppPolicy policy(String app) {
        ids.check("App name", app);
        return maps.policy(app);
    }

    @GridOperation("get")
    public Session get(String app, String userId, String sessionId, EventWindow window) {
        return await(startGet(app, userId, sessionId, window, Stages.CALLER));
    }

    /**
     * {@link #get} without a waiting thread; bad input throws at once. The session is assembled on
     * {@code steps} (on the Hazelcast thread that answered last, for {@link Stages#CALLER}).
     */
    @GridOperation("get")
    public CompletableFuture<Session> getAsync(String app, String userId, String sessionId, EventWindow window,
                                               Executor steps) {
        return startGet(app, userId, sessionId, window, steps);
    }

    /** Not intercepted: {@link #get} calls it, so the operation is timed once. */
    private CompletableFuture<Session> startGet(String app, String userId, String sessionId, EventWindow window,
                                                Executor steps) {
        SessionKey key = key(app, userId, sessionId);
        maps.policy(app);
        requireApp(key);
        return read(key, window, steps);
    }

    /**
     * Whether {@link #appendAsync} and {@link #getAsync} can run on an event loop for this app: false
     * the first time this member serves an existing app, whose map configs must first be added with a
     * cluster-wide call that waits ({@link #prepare}).
     */
    public boolean ready(String app) {
        return maps.isReady(app);
    }

    /** Adds the app's map configs on this member; waits for the cluster (call it off the event loop). */
    public void prepare(String app) {
        maps.prepare(app);
    }

    /** Deletes a session; deleting an absent one succeeds. App and user state stay. */
    @GridOperation("delete")
    public void delete(String app, String userId, String sessionId) {
        SessionKey key = key(app, userId, sessionId);
        maps.policy(app);
        if (maps.exists(app)) {
            maps.sessions(app).delete(key);
        }
    }

    /**
     * Appends an event and applies its state delta to all three layers. A partial event is checked
     * against the session (404, 412 as for any append) and returned normalized, but changes nothing. An event id the session already holds changes nothing and
     * returns the stored event, so a client may retry blindly; the retry also re-applies that event's
     * app and user deltas, which converges when an earlier attempt stopped half-way.
     *
     * @param expectedVersion {@link AppendEventProcessor#ANY_VERSION} or the version the caller saw
     */
    @GridOperation("append")
    public AppendResult append(String app, String userId, String sessionId, byte[] eventBody, long expectedVersion) {
        return await(startAppend(app, userId, sessionId, eventBody, expectedVersion, ForkJoinPool.commonPool()));
    }

    /**
     * {@link #append} without a waiting thread. The event is checked on the caller's thread (bad input
     * throws at once); the layer writes start where the event's answer arrives
     * ({@link GridCalls#partitionThreadOr}), and the result arrives on {@code steps}, which must not be a
     * Hazelcast thread (a request's event loop: the answer is then written from where it is built).
     */
    @GridOperation("append")
    public CompletableFuture<AppendResult> appendAsync(String app, String userId, String sessionId, byte[] eventBody,
                                                       long expectedVersion, Executor steps) {
        return startAppend(app, userId, sessionId, eventBody, expectedVersion, steps);
    }

    /** Not intercepted: {@link #append} calls it, so the operation is timed once. */
    private CompletableFuture<AppendResult> startAppend(String app, String userId, String sessionId, byte[] eventBody,
                                                        long expectedVersion, Executor steps) {
        SessionKey key = key(app, userId, sessionId);
        AppPolicy policy = maps.policy(app);
        IncomingEvent event = normalizer.normalize(eventBody, nowSeconds());
        if (policy.maxEventBytes() > 0 && event.json().length > policy.maxEventBytes()) {
            throw refused(app, MAX_EVENT_BYTES, policy.maxEventBytes(), event.json().length);
        }
        if (!event.partial()) {
            admitWrite(app, policy);
        }
        requireApp(key);
        if (event.partial()) {
            return Stages.map(GridCalls.submit(maps.sessions(app), key,
                    new TouchSessionProcessor(policy.maxIdleSeconds()), steps), current -> {
                        if (current == null) {
                            throw SessionGridError.notFound(app, userId, sessionId);
                        }
                        if (expectedVersion != AppendEventProcessor.ANY_VERSION && expectedVersion != current) {
                            throw new VersionMismatchError(expectedVersion, current);
                        }
                        return new AppendResult(event.json(), -1, false, 0);
                    });
        }
        StoredEvent stored = StoredEvent.incoming(event.id(), event.timestamp(), event.json());
        SessionLimits sessionLimits = new SessionLimits(policy.maxSessionBytes(), policy.maxEvents(),
                policy.eventsOverflow() == EventsOverflow.DROP_OLDEST);
        // The layer writes start where the event's answer arrives (GridCalls.partitionThreadOr: the user
        // layer's partition is the session's, so that write is queued on the same, running thread); only
        // the result moves to steps. The maps are looked up here, where a first lookup may make a proxy.
        LayerMaps layerMaps = layerMaps(app);
        CompletableFuture<AppendOutcome> appended = GridCalls.submit(maps.sessions(app), key,
                new AppendEventProcessor(stored, event.delta().session(), expectedVersion, sessionLimits),
                GridCalls.partitionThreadOr(steps));
        return Stages.on(steps, Stages.compose(appended, outcome -> switch (outcome.status()) {
            case NOT_FOUND -> throw SessionGridError.notFound(app, userId, sessionId);
            case VERSION_MISMATCH -> throw new VersionMismatchError(expectedVersion, outcome.version());
            case REFUSED -> throw refused(app, outcome.plan().limit(), outcome.plan().maximum(), outcome.plan().size());
            case APPENDED -> {
                int dropped = outcome.plan() == null ? 0 : outcome.plan().drop();
                if (dropped > 0) {
                    events.violation(app, EVENTS_DROPPED);
                }
                AppendResult result = new AppendResult(event.json(), outcome.version(), false, dropped);
                yield Stages.map(applyLayersOfStored(layerMaps, key, event.delta(),
                        new Stamp(outcome.appendedAt(), Stamp.origin(key), outcome.eventVersion()), "event",
                        outcome.version()), done -> result);
            }
            case REPLAYED -> {
                IncomingEvent original = normalizer.reread(outcome.event());
                AppendResult result = new AppendResult(outcome.event(), outcome.version(), true, 0);
                yield Stages.map(applyLayersOfStored(layerMaps, key, original.delta(),
                        new Stamp(outcome.appendedAt(), Stamp.origin(key), outcome.eventVersion()), "event",
                        outcome.version()), done -> result);
            }
        }));
    }

    /**
     * Merges a state patch without storing an event (a web request's attribute changes): a JSON null
     * removes its key, {@code app:}/{@code user:} keys go to their layers as in a delta. The session gets
     * a new version and its idle timeout restarts; its event log is untouched.
     *
     * @param expectedVersion {@link PatchStateProcessor#ANY_VERSION} or the version the caller saw
     * @return the session's new version
     */
    @GridOperation("patch")
    public long patch(String app, String userId, String sessionId, ObjectNode patch, long expectedVersion) {
        SessionKey key = key(app, userId, sessionId);
        AppPolicy policy = maps.policy(app);
        StateDelta delta = json.split(patch, "state");
        admitWrite(app, policy);
        requireApp(key);
        PatchOutcome outcome = maps.sessions(app).executeOnKey(key,
                new PatchStateProcessor(delta.session(), expectedVersion, policy.maxSessionBytes()));
        return switch (outcome.status()) {
            case NOT_FOUND -> throw SessionGridError.notFound(app, userId, sessionId);
            case VERSION_MISMATCH -> throw new VersionMismatchError(expectedVersion, outcome.version());
            case REFUSED -> throw refused(app, AppendPlan.MAX_SESSION_BYTES, policy.maxSessionBytes(), outcome.size());
            case PATCHED -> {
                await(applyLayersOfStored(layerMaps(app), key, delta, new Stamp(nowSeconds(), Stamp.origin(key), outcome.version()),
                        "state patch", outcome.version()));
                yield outcome.version();
            }
        };
    }

    /** A write that grows the grid waits while a member is short of heap or its store is behind. */
    private void admitWrite(String app, AppPolicy policy) {
        admission.admitWrite();
        durable.admitWrite(app, policy);
    }

    /** A session of an app nobody created does not exist; asking costs no maps. */
    private void requireApp(SessionKey key) {
        if (!maps.exists(key.app())) {
            throw SessionGridError.notFound(key.app(), key.userId(), key.sessionId());
        }
    }

    private PolicyViolationError refused(String app, String limit, long maximum, long size) {
        events.violation(app, limit);
        return PolicyViolationError.tooLarge(app, limit, maximum, size);
    }

    /** Lists sessions with merged state and no events: one user's (one partition) or, with a null user, the app's. */
    @GridOperation("list")
    public SessionPage list(String app, String userId, Integer pageSize, String pageToken) {
        ids.check("App name", app);
        AppPolicy policy = maps.policy(app);
        if (userId != null) {
            ids.check("User id", userId);
        }
        int size = pageSize(pageSize);
        String scope = PageTokens.scope(app, userId == null ? "" : userId);
        String after = PageTokens.sessionsAfter(scope, pageToken);
        if (!maps.exists(app)) {
            return new SessionPage(List.of(), null);
        }
        Predicate<SessionKey, SessionRecord> where = userId == null
                ? Predicates.alwaysTrue()
                : Predicates.partitionPredicate(UserKey.partitionKeyOf(app, userId), Predicates.alwaysTrue());
        if (userId != null) {
            durable.loadUser(maps.sessions(app), app, userId, policy);
        }
        List<SessionSummary> found = maps.sessions(app).aggregate(new SessionPageAggregator(userId, after, size), where);
        boolean more = found.size() > size;
        List<SessionSummary> page = more ? found.subList(0, size) : found;

        Set<UserKey> users = new LinkedHashSet<>();
        page.forEach(s -> users.add(new UserKey(app, s.userId())));
        CompletionStage<LayerValues> appLayer = maps.appState().submitToKey(app, new ReadLayerProcessor<>());
        Map<UserKey, LayerValues> userLayers = users.isEmpty() ? Map.of()
                : maps.userState(app).executeOnKeys(users, new ReadLayerProcessor<>());
        Set<RouteKey> routeKeys = new LinkedHashSet<>();
        page.forEach(s -> routeKeys.add(new RouteKey(app, s.sessionId())));
        Map<RouteKey, Route> routes = routeKeys.isEmpty() ? Map.of() : maps.routes(app).getAll(routeKeys);
        LayerValues appState = await(appLayer);

        List<Session> sessions = new ArrayList<>(page.size());
        for (SessionSummary s : page) {
            SessionKey key = new SessionKey(app, s.userId(), s.sessionId());
            sessions.add(new Session(key, s.createTime(), s.lastUpdateTime(), s.version(),
                    merge(s.state(), appState, userLayers.get(key.userKey())), List.of(), effective(s.traits(), policy),
                    workerOf(key, routes.get(new RouteKey(app, s.sessionId())))));
        }
        SessionSummary last = page.isEmpty() ? null : page.get(page.size() - 1);
        String next = more ? PageTokens.sessions(scope, SessionPageAggregator.sortKey(last.userId(), last.sessionId())) : null;
        return new SessionPage(sessions, next);
    }

    /** Pages through a session's event log in append order. */
    @GridOperation("events")
    public EventPage events(String app, String userId, String sessionId, Integer pageSize, String pageToken,
                            Double afterTimestamp) {
        SessionKey key = key(app, userId, sessionId);
        AppPolicy policy = maps.policy(app);
        if (afterTimestamp != null && !Double.isFinite(afterTimestamp)) {
            throw SessionGridError.invalid("afterTimestamp must be a finite number");
        }
        String scope = PageTokens.scope(app, userId, sessionId);
        int from = PageTokens.eventsFrom(scope, pageToken);
        requireApp(key);
        EventSlice slice = maps.sessions(app).executeOnKey(key, new ReadEventsProcessor(
                from, pageSize(pageSize),
                afterTimestamp == null ? Double.NaN : afterTimestamp, policy.maxIdleSeconds()));
        if (slice == null) {
            throw SessionGridError.notFound(app, userId, sessionId);
        }
        return new EventPage(slice.events(), slice.nextIndex() < 0 ? null : PageTokens.events(scope, slice.nextIndex()));
    }

    /** The app's state, keys without the {@code app:} prefix. */
    @GridOperation("app-state")
    public Map<String, byte[]> appState(String app) {
        ids.check("App name", app);
        maps.policy(app);
        return maps.appState().executeOnKey(app, new ReadLayerProcessor<>()).values();
    }

    /** A user's state within an app, keys without the {@code user:} prefix. */
    @GridOperation("user-state")
    public Map<String, byte[]> userState(String app, String userId) {
        ids.check("App name", app);
        ids.check("User id", userId);
        maps.policy(app);
        if (!maps.exists(app)) {
            return Map.of();
        }
        return maps.userState(app).executeOnKey(new UserKey(app, userId), new ReadLayerProcessor<>()).values();
    }

    /**
     * The session with its layers and worker: grid calls at once, assembled when the last is in. In an app
     * without a store the session's read brings its user layer along (same partition), so three calls;
     * else, or when a member of an older build answered without it, the layer is a call of its own.
     */
    private CompletableFuture<Session> read(SessionKey key, EventWindow window, Executor steps) {
        String app = key.app();
        AppPolicy policy = maps.policy(app);
        IMap<UserKey, LayerState> userMap = maps.userState(app);
        boolean userLayerAlong = !policy.durable();
        // Each answer is taken where it arrives; only the assembly moves to steps.
        CompletableFuture<SessionView> view = GridCalls.submit(maps.sessions(app), key,
                new ReadSessionProcessor(window, policy.maxIdleSeconds(), userLayerAlong), Stages.CALLER);
        CompletableFuture<LayerValues> userLayer = userLayerAlong
                ? Stages.compose(view, v -> v == null || v.userLayer() != null
                        ? CompletableFuture.completedFuture(v == null ? null : v.userLayer())
                        : userLayerAfterOlderMember(userMap, key, steps))
                : GridCalls.submit(userMap, key.userKey(), new ReadLayerProcessor<>(), Stages.CALLER);
        CompletableFuture<LayerValues> appLayer = GridCalls.submit(maps.appState(), app, new ReadLayerProcessor<>(),
                Stages.CALLER);
        CompletableFuture<Route> route = GridCalls.get(maps.routes(app), new RouteKey(app, key.sessionId()), Stages.CALLER);
        return Stages.map(Stages.on(steps, Stages.all(view, userLayer, appLayer, route)), done -> {
            SessionView v = view.getNow(null);
            if (v == null) {
                throw SessionGridError.notFound(app, key.userId(), key.sessionId());
            }
            return new Session(key, v.createTime(), v.lastUpdateTime(), v.version(),
                    merge(v.state(), appLayer.getNow(null), userLayer.getNow(null)), v.events(),
                    effective(v.traits(), policy), workerOf(key, route.getNow(null)));
        });
    }

    /**
     * The user layer read on its own, after a member of an older build answered a read without it. That
     * answer came on a response thread, which may not start calls: the read starts on {@code steps}, or
     * for a waiting get ({@link Stages#CALLER}) on the common pool.
     */
    private static CompletableFuture<LayerValues> userLayerAfterOlderMember(IMap<UserKey, LayerState> userMap,
                                                                           SessionKey key, Executor steps) {
        Executor start = GridCalls.partitionThreadOr(steps == Stages.CALLER ? ForkJoinPool.commonPool() : steps);
        return Stages.startOn(start, () -> GridCalls.submit(userMap, key.userKey(), new ReadLayerProcessor<>(), Stages.CALLER));
    }

    /** The session's worker: its route's, if the route is this session's (routes are keyed by id only). */
    private static String workerOf(SessionKey key, Route route) {
        return route != null && route.userId().equals(key.userId()) ? route.workerId() : null;
    }

    /** A session's own expiry where it has one, else its app's. */
    private static SessionTraits effective(SessionTraits own, AppPolicy policy) {
        return new SessionTraits(own.ttlSeconds() > 0 ? own.ttlSeconds() : (int) policy.ttlSeconds(),
                own.maxIdleSeconds() > 0 ? own.maxIdleSeconds() : (int) policy.maxIdleSeconds(), own.sizeBytes(),
                own.lastAccessTime());
    }

    /**
     * Applies the shared layers of a change the session already holds. When a layer's write-through
     * store fails, the answer must not say "nothing changed": the session has the change, and only
     * the {@code app:}/{@code user:} part is missing until a retry (an event id's retry re-applies it).
     */
    private CompletableFuture<Void> applyLayersOfStored(LayerMaps layerMaps, SessionKey key, StateDelta delta,
                                                        Stamp stamp, String what, long version) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        applyLayers(layerMaps, key, delta, stamp).whenComplete((done, failure) -> {
            if (failure == null) {
                result.complete(null);
            } else if (failure instanceof SessionGridError e && e.kind() == SessionGridError.Kind.STORE_UNAVAILABLE) {
                result.completeExceptionally(new SessionGridError(SessionGridError.Kind.STORE_UNAVAILABLE, "The " + what
                        + " is stored in session '" + key.sessionId() + "' (version " + version + "), but its app:/user:"
                        + " state is not: the session store failed. Retry the same request (for an event, the same"
                        + " event id) to apply it; nothing is stored twice"));
            } else {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    /**
     * Applies the user and app parts of a delta, in parallel; completes on the thread that answered last
     * (a Hazelcast thread: move off it before starting grid calls or writing an answer). Call it where
     * grid calls may start.
     */
    private CompletableFuture<Void> applyLayers(LayerMaps layerMaps, SessionKey key, StateDelta delta, Stamp stamp) {
        CompletionStage<?> user = delta.user().isEmpty() ? CompletableFuture.completedFuture(null)
                : GridCalls.submit(layerMaps.user(), key.userKey(), new ApplyLayerDeltaProcessor<>(delta.user(), stamp),
                        Stages.CALLER);
        CompletionStage<?> app = delta.app().isEmpty() ? CompletableFuture.completedFuture(null)
                : GridCalls.submit(layerMaps.app(), key.app(), new ApplyLayerDeltaProcessor<>(delta.app(), stamp),
                        Stages.CALLER);
        return Stages.all(user, app);
    }

    private static Map<String, byte[]> merge(Map<String, byte[]> session, LayerValues app, LayerValues user) {
        LinkedHashMap<String, byte[]> merged = new LinkedHashMap<>(session);
        if (app != null) {
            app.values().forEach((k, v) -> merged.put(StateDelta.APP_PREFIX + k, v));
        }
        if (user != null) {
            user.values().forEach((k, v) -> merged.put(StateDelta.USER_PREFIX + k, v));
        }
        return merged;
    }

    private SessionKey key(String app, String userId, String sessionId) {
        return new SessionKey(ids.check("App name", app), ids.check("User id", userId),
                ids.check("Session id", sessionId));
    }

    private int pageSize(Integer requested) {
        return PageTokens.pageSize(requested, limits);
    }

    private double nowSeconds() {
        Instant now = clock.instant();
        return now.getEpochSecond() + now.getNano() / 1e9;
    }

    /** Waits for a grid call and rethrows its own failure, not a wrapper. */
    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
