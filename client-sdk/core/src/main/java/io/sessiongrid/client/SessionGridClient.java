package io.sessiongrid.client;

import static io.sessiongrid.client.internal.ApiRequest.IDEMPOTENT;
import static io.sessiongrid.client.internal.ApiRequest.NOT_IDEMPOTENT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessiongrid.client.internal.ApiPaths;
import io.sessiongrid.client.internal.ApiRequest;
import io.sessiongrid.client.internal.ApiResponse;
import io.sessiongrid.client.internal.AppPolicyJsonMapper;
import io.sessiongrid.client.internal.Endpoint;
import io.sessiongrid.client.internal.ErrorResponseMapper;
import io.sessiongrid.client.internal.EventJsonMapper;
import io.sessiongrid.client.internal.Exchange;
import io.sessiongrid.client.internal.FailoverTransport;
import io.sessiongrid.client.internal.HttpExchange;
import io.sessiongrid.client.internal.JsonCodec;
import io.sessiongrid.client.internal.JsonDurations;
import io.sessiongrid.client.internal.JsonMaps;
import io.sessiongrid.client.internal.Reply;
import io.sessiongrid.client.internal.ResourcePath;
import io.sessiongrid.client.internal.RouteJsonMapper;
import io.sessiongrid.client.internal.SessionJsonMapper;
import io.sessiongrid.client.internal.SocketExchange;
import io.sessiongrid.client.internal.Transport;
import io.sessiongrid.client.internal.TrustedCertificates;
import io.sessiongrid.client.internal.VersionTag;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * Client for the Session Grid HTTP API. Thread-safe: share one instance and close it when done.
 *
 * <p>Ids that go into the path (app, user, session, worker) must be non-null and non-empty; everything
 * else is validated by the server. Error statuses throw a {@link SessionGridException} subclass, unreachable nodes a
 * {@link SessionGridTransportException}. A node that serves only configured apps answers any call for
 * another app with an {@link AppNotFoundException}.
 *
 * <p>Failover: a call that cannot connect, times out or meets a node that answers 503 (shutting down, or a
 * transient grid failure) goes to the next endpoint, with a jittered backoff in between, within the
 * builder's {@link RetryPolicy}. Calls that are not safe to repeat are sent again only when they certainly
 * reached no node; the package documentation lists which calls are which, and why.
 *
 * <p>Worker affinity: a session may be pinned to a worker ({@link #setWorker setWorker}, or
 * {@link CreateSessionOptions#workerId()} at create), so that a proxy which sees only session ids can send
 * every request of a session to the same worker ({@link #findRoute findRoute}). The worker calls serve
 * that proxy: balancing by {@link #countWorkerSessions(String, Collection) counts}, draining a worker with
 * {@link #rerouteWorker rerouteWorker}, dropping a dead worker's sessions with
 * {@link #deleteWorkerSessions deleteWorkerSessions}.
 */
public final class SessionGridClient implements AutoCloseable {

    private static final String REPLAYED_HEADER = "Sessiongrid-Replayed";
    private static final String DROPPED_EVENTS_HEADER = "Sessiongrid-Dropped-Events";

    private final Transport transport;
    private final JsonCodec json = new JsonCodec();
    private final EventJsonMapper events = new EventJsonMapper(json);
    private final SessionJsonMapper sessions = new SessionJsonMapper(events);
    private final ErrorResponseMapper errors = new ErrorResponseMapper(json);
    private final AppPolicyJsonMapper policies = new AppPolicyJsonMapper();
    private final RouteJsonMapper routes = new RouteJsonMapper();

    SessionGridClient(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates a session with a server-generated id, empty state and the app's timeouts. */
    public Session createSession(String app, String userId) {
        return createSession(app, userId, CreateSessionOptions.builder().build());
    }

    /**
     * Creates a session with the app's timeouts.
     *
     * @param sessionId the id, or {@code null} to let the server generate one
     * @param state     initial state (plain Java values or JsonNodes), or {@code null}
     * @throws SessionExistsException   if a session with this id exists
     * @throws PolicyViolationException if the state is over the app's session size limit, or the user
     *                                  already has as many sessions as the app allows
     */
    public Session createSession(String app, String userId, String sessionId, Map<String, ?> state) {
        return createSession(app, userId, CreateSessionOptions.builder().sessionId(sessionId).state(state).build());
    }

    /**
     * Creates a session; only the options that are set are sent, the server decides the rest.
     *
     * <p>With a {@link CreateSessionOptions#sessionId() session id} the create is retried like a read: if
     * a repeat of it finds the session existing after an earlier attempt may have created it (that attempt
     * timed out or was answered 503), the create counts as done and the session is fetched and returned,
     * whatever it holds by then. Without an id it is sent again only when it certainly reached no node, since
     * a repeat would create a second session.
     *
     * @throws SessionExistsException   if a session with this id exists
     * @throws PolicyViolationException if the state is over the app's session size limit, or the user
     *                                  already has as many sessions as the app allows
     * @throws BadRequestException      if a timeout is longer than the app allows (the problem's
     *                                  {@code limit} and {@code maximum} extensions say which and how long)
     */
    public Session createSession(String app, String userId, CreateSessionOptions options) {
        byte[] body = createBody(options);
        return create(app, userId, options.sessionId(), body);
    }

    /**
     * {@link #createSession(String, String, CreateSessionOptions)} without blocking: the future fails with
     * the exception the blocking call would throw (wrapped in a {@link java.util.concurrent.CompletionException}
     * by {@code join}), and retries wait without holding a thread.
     */
    public CompletableFuture<Session> createSessionAsync(String app, String userId, CreateSessionOptions options) {
        byte[] body = createBody(options);  // checks options first
        ResourcePath path = ApiPaths.userSessions(app, userId);
        if (options.sessionId() == null) {
            return sendForJsonAsync(ApiRequest.postJson(path, body, NOT_IDEMPOTENT)).thenApply(sessions::read);
        }
        return transport.sendAsync(ApiRequest.postJson(path, body, IDEMPOTENT)).thenCompose(reply -> {
            if (repeatMetItsOwnCreate(reply)) {
                return getSessionAsync(app, userId, options.sessionId(), GetSessionOptions.allEvents());
            }
            return CompletableFuture.completedFuture(sessions.read(readJson(checked(reply))));
        });
    }

    byte[] createBody(CreateSessionOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        ObjectNode body = json.newObject();
        if (options.sessionId() != null) {
            body.put("sessionId", options.sessionId());
        }
        if (options.state() != null) {
            body.set("state", json.toTree(options.state()));
        }
        // Whole seconds: CreateSessionOptions refuses anything else.
        if (options.ttl() != null) {
            body.put("ttlSeconds", options.ttl().getSeconds());
        }
        if (options.maxIdle() != null) {
            body.put("maxIdleSeconds", options.maxIdle().getSeconds());
        }
        if (options.workerId() != null) {
            body.put("workerId", options.workerId());
        }
        return json.write(body);
    }

    /**
     * Whether a repeated create with the caller's id met the session an earlier attempt of the same call
     * created (409 session-exists on a repeat); any other 409 is thrown.
     */
    boolean repeatMetItsOwnCreate(Reply reply) {
        if (!reply.repeated() || reply.response().status() != 409) {
            return false;
        }
        SessionGridException error = errors.toException(reply);
        if (error instanceof SessionExistsException) {
            return true;
        }
        throw error;
    }

    // The client-chosen id makes a create safe to repeat: a repeat cannot create a second session, it
    // meets the first (409). Without an id a repeat would create a second session under another id.
    private Session create(String app, String userId, String sessionId, byte[] body) {
        ResourcePath path = ApiPaths.userSessions(app, userId);
        if (sessionId == null) {
            return sessions.read(sendForJson(ApiRequest.postJson(path, body, NOT_IDEMPOTENT)));
        }
        Reply reply = transport.send(ApiRequest.postJson(path, body, IDEMPOTENT));
        // An earlier attempt of this very call may have created the session; the repeat then meets it.
        if (repeatMetItsOwnCreate(reply)) {
            return getSession(app, userId, sessionId);
        }
        return sessions.read(readJson(checked(reply)));
    }

    /**
     * Gets a session with all its events.
     *
     * @throws SessionNotFoundException if there is no such session
     */
    public Session getSession(String app, String userId, String sessionId) {
        return getSession(app, userId, sessionId, GetSessionOptions.allEvents());
    }

    /**
     * Gets a session with the events that {@code options} select.
     *
     * @throws SessionNotFoundException if there is no such session
     */
    public Session getSession(String app, String userId, String sessionId, GetSessionOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        return sessions.read(sendForJson(ApiRequest.get(sessionPath(app, userId, sessionId, options), IDEMPOTENT)));
    }

    private static ResourcePath sessionPath(String app, String userId, String sessionId, GetSessionOptions options) {
        return ApiPaths.session(app, userId, sessionId)
                .withQuery("numRecentEvents", options.numRecentEvents())
                .withQuery("afterTimestamp", options.afterTimestamp());
    }

    /** Like {@link #getSession(String, String, String)}, but empty instead of throwing when not found. */
    public Optional<Session> findSession(String app, String userId, String sessionId) {
        return findSession(app, userId, sessionId, GetSessionOptions.allEvents());
    }

    /** Like {@link #getSession(String, String, String, GetSessionOptions)}, but empty when not found. */
    public Optional<Session> findSession(String app, String userId, String sessionId, GetSessionOptions options) {
        try {
            return Optional.of(getSession(app, userId, sessionId, options));
        } catch (SessionNotFoundException e) {
            return Optional.empty();
        }
    }

    /** {@link #getSession(String, String, String, GetSessionOptions)} without blocking (see {@link #createSessionAsync}). */
    public CompletableFuture<Session> getSessionAsync(String app, String userId, String sessionId, GetSessionOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        return sendForJsonAsync(ApiRequest.get(sessionPath(app, userId, sessionId, options), IDEMPOTENT))
                .thenApply(sessions::read);
    }

    /** {@link #findSession(String, String, String, GetSessionOptions)} without blocking: empty when not found. */
    public CompletableFuture<Optional<Session>> findSessionAsync(String app, String userId, String sessionId,
                                                                GetSessionOptions options) {
        return foundOrEmpty(getSessionAsync(app, userId, sessionId, options));
    }

    /** The session, or empty when the future failed with {@link SessionNotFoundException}. */
    static CompletableFuture<Optional<Session>> foundOrEmpty(CompletableFuture<Session> read) {
        return read.handle((session, error) -> {
            if (error == null) {
                return Optional.of(session);
            }
            if (cause(error) instanceof SessionNotFoundException) {
                return Optional.empty();
            }
            throw error instanceof CompletionException ce ? ce : new CompletionException(error);
        });
    }

    /** What a future failed with, unwrapped from the {@link CompletionException} stages add. */
    static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /**
     * Marks a session as used without fetching it, so that its idle timeout ({@link Session#maxIdle()})
     * starts anew, as any access would. Cheaper than {@code getSession} for keep-alives: no state or events
     * travel. The absolute lifetime ({@link Session#ttl()}) is not extended.
     *
     * @throws SessionNotFoundException if there is no such session (it may have expired already)
     */
    public void touchSession(String app, String userId, String sessionId) {
        send(ApiRequest.post(ApiPaths.sessionTouch(app, userId, sessionId), IDEMPOTENT));
    }

    /** Deletes a session; deleting a session that does not exist is not an error. */
    public void deleteSession(String app, String userId, String sessionId) {
        send(ApiRequest.delete(ApiPaths.session(app, userId, sessionId), IDEMPOTENT));
    }

    /** {@link #deleteSession} without blocking (see {@link #createSessionAsync}). */
    public CompletableFuture<Void> deleteSessionAsync(String app, String userId, String sessionId) {
        return sendAsync(ApiRequest.delete(ApiPaths.session(app, userId, sessionId), IDEMPOTENT)).thenApply(r -> null);
    }

    /**
     * Deletes all of one user's sessions in the app, logging the user out everywhere. A user without
     * sessions is not an error.
     *
     * <p>Not retried once the request may have reached a node (a timeout or 503 ends the call): a repeat could log out
     * a session created since.
     *
     * @return how many sessions were deleted
     */
    public long deleteUserSessions(String app, String userId) {
        // Not idempotent: a repeat would count 0, or log out a session created meanwhile.
        return readCount(ApiRequest.delete(ApiPaths.userSessions(app, userId), NOT_IDEMPOTENT), "deleted");
    }

    /** Lists one user's sessions, without their events; a {@code null} page means the first page. */
    public SessionPage listSessions(String app, String userId, PageRequest page) {
        return sessions.readPage(sendForJson(
                ApiRequest.get(paged(ApiPaths.userSessions(app, userId), page), IDEMPOTENT)));
    }

    /** {@link #listSessions(String, String, PageRequest)} without blocking (see {@link #createSessionAsync}). */
    public CompletableFuture<SessionPage> listSessionsAsync(String app, String userId, PageRequest page) {
        return sendForJsonAsync(ApiRequest.get(paged(ApiPaths.userSessions(app, userId), page), IDEMPOTENT))
                .thenApply(sessions::readPage);
    }

    /**
     * How many sessions a user has in the app, without listing them: for checking against the app's
     * {@link AppPolicy#maxSessionsPerUser()} before creating one, say.
     */
    public long countUserSessions(String app, String userId) {
        return readCount(ApiRequest.get(ApiPaths.userSessionCount(app, userId), IDEMPOTENT), "count");
    }

    /** Lists all sessions of an app, without their events; a {@code null} page means the first page. */
    public SessionPage listSessions(String app, PageRequest page) {
        return sessions.readPage(sendForJson(ApiRequest.get(paged(ApiPaths.appSessions(app), page), IDEMPOTENT)));
    }

    /**
     * Deletes the app's sessions whose last access ({@link Session#lastAccessTime()}) is longer ago than
     * {@code maxIdle}, whatever their own idle timeout: for reclaiming sessions that a worker abandoned,
     * say, on a schedule of the caller's choosing.
     *
     * <p>Not retried once the request may have reached a node (a timeout or 503 ends the call): a repeat would report
     * 0 deleted.
     *
     * @param maxIdle how long a session may have gone unused and stay; whole seconds, at least one
     * @return how many sessions were deleted
     * @throws IllegalArgumentException if {@code maxIdle} is not a whole number of seconds of at least one
     *                                  second (it travels as whole seconds, and rounding would delete
     *                                  sessions nobody asked to delete)
     */
    public long sweepIdleSessions(String app, Duration maxIdle) {
        Objects.requireNonNull(maxIdle, "maxIdle must not be null");
        ObjectNode body = json.newObject().put("maxIdleSeconds", JsonDurations.wholeSeconds(maxIdle, "maxIdle"));
        // Not idempotent: a repeat would count 0, and could sweep sessions that went idle meanwhile.
        return readCount(ApiRequest.postJson(ApiPaths.idleSessionSweep(app), json.write(body), NOT_IDEMPOTENT),
                "deleted");
    }

    /**
     * Pins a session to a worker, or unpins it, so that {@link #findRoute findRoute} tells a proxy where
     * to send the session's requests.
     *
     * @param workerId the worker, or {@code null} to unpin the session
     * @return the session's route now; its {@code workerId} is {@code null} after unpinning, and its
     *         {@code lastAccess} is 0 (not reported)
     * @throws SessionNotFoundException if there is no such session
     * @throws RouteConflictException   if another user's session in the app already routes by this session id
     */
    public Route setWorker(String app, String userId, String sessionId, String workerId) {
        ObjectNode body = json.newObject().put("workerId", workerId);
        return routes.read(sendForJson(
                ApiRequest.putJson(ApiPaths.sessionWorker(app, userId, sessionId), json.write(body), IDEMPOTENT)));
    }

    /**
     * Looks up the worker a session is pinned to, by session id alone: what a proxy knows of a request.
     * The lookup counts as an access of the session, as the request it routes will be.
     *
     * @return the route, or empty if no session with this id is pinned to a worker (whether or not the
     *         session exists)
     */
    public Optional<Route> findRoute(String app, String sessionId) {
        try {
            return Optional.of(routes.read(sendForJson(
                    ApiRequest.get(ApiPaths.sessionRoute(app, sessionId), IDEMPOTENT))));
        } catch (RouteNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Lists the routes of the sessions pinned to a worker, ordered by session id; a {@code null} page
     * means the first page. Their {@code lastAccess} is 0: listings do not report it.
     */
    public RoutePage listWorkerSessions(String app, String workerId, PageRequest page) {
        return routes.readPage(sendForJson(
                ApiRequest.get(paged(ApiPaths.workerSessions(app, workerId), page), IDEMPOTENT)));
    }

    /** How many sessions are pinned to a worker, without listing them. */
    public long countWorkerSessions(String app, String workerId) {
        return readCount(ApiRequest.get(ApiPaths.workerSessionCount(app, workerId), IDEMPOTENT), "count");
    }

    /**
     * How many sessions are pinned to each of several workers, in one call: for choosing the least loaded
     * worker for a new session, say.
     *
     * @param workerIds the workers to count; each appears in the answer, in this order, 0 when it has no
     *                  sessions
     */
    public WorkerCounts countWorkerSessions(String app, Collection<String> workerIds) {
        Objects.requireNonNull(workerIds, "workerIds must not be null");
        ObjectNode body = json.newObject();
        ArrayNode workers = body.putArray("workers");
        for (String workerId : workerIds) {
            workers.add(Objects.requireNonNull(workerId, "workerIds must not contain null"));
        }
        // A POST only to carry the list of workers: it reads, so it is safe to repeat.
        JsonNode answer = sendForJson(ApiRequest.postJson(ApiPaths.workerCounts(app), json.write(body), IDEMPOTENT));
        Map<String, Long> perWorker = new LinkedHashMap<>();
        for (String workerId : workerIds) {
            perWorker.put(workerId, count(answer.path("workers").path(workerId), "workers." + workerId));
        }
        return new WorkerCounts(count(answer.path("total"), "total"), perWorker);
    }

    /**
     * Re-pins every session of one worker to another, to drain a worker before taking it down. Sessions
     * pinned to the old worker while this runs may be missed; {@link RerouteResult#remaining()} says how
     * many are left.
     *
     * <p>Not retried once the request may have reached a node (a timeout or 503 ends the call): a repeat could move
     * sessions pinned to {@code fromWorker} since.
     *
     * @param toWorker the worker that takes the sessions over
     */
    public RerouteResult rerouteWorker(String app, String fromWorker, String toWorker) {
        Objects.requireNonNull(toWorker, "toWorker must not be null");
        ObjectNode body = json.newObject().put("to", toWorker);
        // Not idempotent: a repeat would count 0 moved, and move sessions pinned to fromWorker meanwhile.
        JsonNode answer = sendForJson(
                ApiRequest.postJson(ApiPaths.workerReroute(app, fromWorker), json.write(body), NOT_IDEMPOTENT));
        return new RerouteResult(count(answer.path("moved"), "moved"), count(answer.path("remaining"), "remaining"));
    }

    /**
     * Deletes every session pinned to a worker: for a worker that is gone for good along with whatever its
     * sessions meant. A worker without sessions is not an error.
     *
     * <p>Not retried once the request may have reached a node (a timeout or 503 ends the call): a repeat could delete
     * sessions pinned to the worker since.
     *
     * @return how many sessions were deleted
     */
    public long deleteWorkerSessions(String app, String workerId) {
        // Not idempotent: a repeat would count 0, and delete sessions pinned to the worker meanwhile.
        return readCount(ApiRequest.delete(ApiPaths.workerSessions(app, workerId), NOT_IDEMPOTENT), "deleted");
    }

    /**
     * Appends an event. An event without id gets a random UUID first, so the request can be sent again
     * without appending twice.
     *
     * @throws SessionNotFoundException if there is no such session
     * @throws PolicyViolationException if the event or the grown session is over one of the app's limits
     */
    public AppendResult appendEvent(String app, String userId, String sessionId, Event event) {
        return append(ApiPaths.events(app, userId, sessionId), event, null);
    }

    /**
     * Appends an event only if the session's version is {@code expectedVersion}.
     *
     * @throws VersionConflictException if the session has another version
     * @throws SessionNotFoundException if there is no such session
     * @throws PolicyViolationException if the event or the grown session is over one of the app's limits
     */
    public AppendResult appendEvent(String app, String userId, String sessionId, Event event, long expectedVersion) {
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must be >= 0 but was " + expectedVersion);
        }
        return append(ApiPaths.events(app, userId, sessionId), event, VersionTag.format(expectedVersion));
    }

    /**
     * {@link #appendEvent(String, String, String, Event)} without blocking; with {@code expectedVersion}
     * not null, {@link #appendEvent(String, String, String, Event, long)}'s check (see {@link #createSessionAsync}).
     */
    public CompletableFuture<AppendResult> appendEventAsync(String app, String userId, String sessionId, Event event,
                                                            Long expectedVersion) {
        String ifMatch = null;
        if (expectedVersion != null) {
            if (expectedVersion < 0) {
                throw new IllegalArgumentException("expectedVersion must be >= 0 but was " + expectedVersion);
            }
            ifMatch = VersionTag.format(expectedVersion);
        }
        return sendAsync(appendRequest(ApiPaths.events(app, userId, sessionId), event, ifMatch)).thenApply(this::appended);
    }

    /** {@link #listEvents} without blocking (see {@link #createSessionAsync}). */
    public CompletableFuture<EventPage> listEventsAsync(String app, String userId, String sessionId, PageRequest page,
                                                        Double afterTimestamp) {
        ResourcePath path = paged(ApiPaths.events(app, userId, sessionId), page).withQuery("afterTimestamp", afterTimestamp);
        return sendForJsonAsync(ApiRequest.get(path, IDEMPOTENT)).thenApply(events::readPage);
    }

    /**
     * Lists a session's events, oldest first.
     *
     * @param page           which page; {@code null} means the first page
     * @param afterTimestamp only events after this time (seconds since the epoch), or {@code null}
     * @throws SessionNotFoundException if there is no such session
     */
    public EventPage listEvents(String app, String userId, String sessionId, PageRequest page, Double afterTimestamp) {
        ResourcePath path = paged(ApiPaths.events(app, userId, sessionId), page)
                .withQuery("afterTimestamp", afterTimestamp);
        return events.readPage(sendForJson(ApiRequest.get(path, IDEMPOTENT)));
    }

    /** The app-layer state, keyed without the {@code app:} prefix. */
    public Map<String, JsonNode> getAppState(String app) {
        return JsonMaps.fieldsOf(sendForJson(ApiRequest.get(ApiPaths.appState(app), IDEMPOTENT)).path("state"));
    }

    /** The user-layer state, keyed without the {@code user:} prefix. */
    public Map<String, JsonNode> getUserState(String app, String userId) {
        return JsonMaps.fieldsOf(
                sendForJson(ApiRequest.get(ApiPaths.userState(app, userId), IDEMPOTENT)).path("state"));
    }

    /**
     * The limits and settings the node applies to an app's sessions. An app without its own configuration
     * gets the node's defaults ({@link AppPolicy#configured()} is {@code false}).
     *
     * @throws AppNotFoundException if the node serves only configured apps and this is not one
     */
    public AppPolicy getPolicy(String app) {
        return policies.read(sendForJson(ApiRequest.get(ApiPaths.appPolicy(app), IDEMPOTENT)));
    }

    /** {@link #getPolicy} without blocking (see {@link #createSessionAsync}). */
    public CompletableFuture<AppPolicy> getPolicyAsync(String app) {
        return sendForJsonAsync(ApiRequest.get(ApiPaths.appPolicy(app), IDEMPOTENT)).thenApply(policies::read);
    }

    @Override
    public void close() {
        transport.close();
    }

    private AppendResult append(ResourcePath path, Event event, String ifMatch) {
        return appended(send(appendRequest(path, event, ifMatch)));
    }

    private ApiRequest appendRequest(ResourcePath path, Event event, String ifMatch) {
        Objects.requireNonNull(event, "event must not be null");
        Event identified = event.id() == null ? event.withId(UUID.randomUUID().toString()) : event;
        // Idempotent through the event id: the node answers a repeat with the stored event (even when
        // If-Match no longer matches), and the SDK always sends an id.
        ApiRequest request = ApiRequest.postJson(path, json.write(events.write(identified)), IDEMPOTENT);
        return ifMatch == null ? request : request.withHeader("If-Match", ifMatch);
    }

    private AppendResult appended(ApiResponse response) {
        return new AppendResult(
                events.read(readJson(response)),
                response.header("ETag").map(VersionTag::parse).orElse(null),
                response.header(REPLAYED_HEADER).map("true"::equalsIgnoreCase).orElse(false),
                response.header(DROPPED_EVENTS_HEADER).map(SessionGridClient::droppedEvents).orElse(0));
    }

    // The event is stored either way, so an unreadable count must not fail the append: it reads as 0.
    private static int droppedEvents(String header) {
        try {
            return Math.max(0, Integer.parseInt(header.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private long readCount(ApiRequest request, String member) {
        return count(sendForJson(request).path(member), member);
    }

    // A count is (part of) the whole answer, so a body without one is unreadable rather than zero, and so
    // is a negative one.
    private static long count(JsonNode count, String name) {
        if (!count.isIntegralNumber() || !count.canConvertToLong()) {
            throw new SessionGridTransportException(
                    "unreadable response body: expected an integer \"" + name + "\" but got " + count.getNodeType(),
                    null);
        }
        if (count.longValue() < 0) {
            throw new SessionGridTransportException(
                    "unreadable response body: expected \"" + name + "\" >= 0 but got " + count.longValue(), null);
        }
        return count.longValue();
    }

    private static ResourcePath paged(ResourcePath path, PageRequest page) {
        PageRequest request = page == null ? PageRequest.first() : page;
        return path.withQuery("pageSize", request.pageSize()).withQuery("pageToken", request.pageToken());
    }

    ApiResponse send(ApiRequest request) {
        return checked(transport.send(request));
    }

    ApiResponse checked(Reply reply) {
        if (!reply.response().isSuccess()) {
            throw errors.toException(reply);
        }
        return reply.response();
    }

    JsonNode sendForJson(ApiRequest request) {
        return readJson(send(request));
    }

    CompletableFuture<ApiResponse> sendAsync(ApiRequest request) {
        return transport.sendAsync(request).thenApply(this::checked);
    }

    CompletableFuture<JsonNode> sendForJsonAsync(ApiRequest request) {
        return sendAsync(request).thenApply(this::readJson);
    }

    JsonNode readJson(ApiResponse response) {
        try {
            JsonNode body = json.read(response.body());
            if (!body.isObject()) {
                throw new IllegalArgumentException("expected a JSON object but got " + body.getNodeType());
            }
            return body;
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new SessionGridTransportException("unreadable response body: " + e.getMessage(), e);
        }
    }

    /**
     * The app's sessions addressed by their id alone, as a web request knows them from its cookie
     * (see {@link SessionsById}).
     */
    public SessionsById sessionsById(String app) {
        return new SessionsById(this, app);
    }

    Transport transport() {
        return transport;
    }

    Session readSession(JsonNode body) {
        return sessions.read(body);
    }

    JsonCodec json() {
        return json;
    }

    /** Configures and builds a {@link SessionGridClient}. */
    public static final class Builder {

        private final List<URI> endpoints = new ArrayList<>();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private String token;
        private SSLContext sslContext;
        private HttpTransport transport = HttpTransport.SOCKETS;

        private Builder() {
        }

        /** How blocking calls reach a node; {@link HttpTransport#SOCKETS} unless set. */
        public Builder httpTransport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport must not be null");
            return this;
        }

        /**
         * The TLS context for {@code https} endpoints, such as one trusting a private CA. Default: the
         * JVM's own trust store. Replaces {@link #trustedCertificates(Path)}.
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "sslContext must not be null");
            return this;
        }

        /**
         * Trusts exactly the certificates in this PEM file, the nodes' own or their CA's, for {@code https}
         * endpoints, instead of the JVM's trust store. The host name is still checked against the certificate.
         *
         * @throws java.io.UncheckedIOException if the file cannot be read
         * @throws IllegalArgumentException     if it holds no usable certificate
         */
        public Builder trustedCertificates(Path pemFile) {
            this.sslContext = TrustedCertificates.sslContext(Objects.requireNonNull(pemFile, "pemFile must not be null"));
            return this;
        }

        /**
         * The API token of this client, sent as {@code Authorization: Bearer <token>} on every call (a
         * grid with access control requires one). Never logged or shown by the client.
         */
        public Builder token(String token) {
            Objects.requireNonNull(token, "token must not be null");
            if (token.isBlank() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new IllegalArgumentException("token must be visible ASCII characters without spaces");
            }
            this.token = token;
            return this;
        }

        /**
         * The nodes to call, such as {@code http://127.0.0.1:8080}. Calls start at the first; after a failure
         * they start at the next, in this order, round and round. Replaces earlier ones.
         */
        public Builder endpoints(String... endpoints) {
            return endpoints(Arrays.stream(endpoints).map(e -> URI.create(e.strip())).toList());
        }

        /** The nodes to call, in failover order; see {@link #endpoints(String...)}. Replaces earlier ones. */
        public Builder endpoints(List<URI> endpoints) {
            this.endpoints.clear();
            this.endpoints.addAll(endpoints);
            return this;
        }

        /** How long to wait for a connection before trying the next endpoint. Default 5 seconds. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = requirePositive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long one attempt waits for its response; never longer than what is left of the call's
         * {@link RetryPolicy#deadline() deadline}. Default 10 seconds, a third of the default deadline, so
         * a call to a node that hangs is tried again on another node (only calls that are safe to repeat
         * are) before the deadline ends it.
         *
         * <p>It is also how long a node that accepts connections but answers nothing (a frozen process, a
         * stalled VM) holds each call under way there before the call moves on: the connect succeeds, so
         * {@link #connectTimeout} does not help. Where every call is quick, a few seconds bound that stall;
         * keep it above the slowest call made (app-wide listings, worker sweeps), since a call that is not
         * safe to repeat ends with its timeout.
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = requirePositive(timeout, "requestTimeout");
            return this;
        }

        /**
         * How often and how long a call tries, across endpoints, before it gives up. Default
         * {@link RetryPolicy#defaults()}; {@link RetryPolicy#none()} makes every call a single attempt.
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy must not be null");
            return this;
        }

        /**
         * Builds the client.
         *
         * @throws IllegalStateException    if no endpoint was given
         * @throws IllegalArgumentException if an endpoint is not an absolute http(s) URI
         */
        public SessionGridClient build() {
            if (endpoints.isEmpty()) {
                throw new IllegalStateException("at least one endpoint is required");
            }
            List<Endpoint> parsed = endpoints.stream().map(Endpoint::of).toList();
            // HTTP/1.1: nodes serve plain HTTP/1.1, and HTTP/2 would only add an upgrade attempt per connection.
            HttpClient.Builder http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connectTimeout);
            if (sslContext != null) {
                http.sslContext(sslContext);
            }
            HttpClient httpClient = http.build();
            Exchange exchange = new HttpExchange(httpClient, token);
            if (transport == HttpTransport.SOCKETS) {
                exchange = new SocketExchange(connectTimeout, sslContext, token, exchange);
            }
            return new SessionGridClient(new FailoverTransport(parsed, requestTimeout, retryPolicy, exchange));
        }

        private static Duration requirePositive(Duration timeout, String name) {
            Objects.requireNonNull(timeout, name + " must not be null");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(name + " must be positive but was " + timeout);
            }
            return timeout;
        }
    }
}
