package io.sessiongrid.adk;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.adk.events.Event;
import com.google.adk.sessions.BaseSessionService;
import com.google.adk.sessions.GetSessionConfig;
import com.google.adk.sessions.ListEventsResponse;
import com.google.adk.sessions.ListSessionsResponse;
import com.google.adk.sessions.Session;
import com.google.adk.sessions.State;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import io.sessiongrid.client.AppendResult;
import io.sessiongrid.client.CreateSessionOptions;
import io.sessiongrid.client.EventPage;
import io.sessiongrid.client.GetSessionOptions;
import io.sessiongrid.client.PageRequest;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.client.SessionPage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Google ADK's session service backed by Session Grid: every replica of an agent service that uses it
 * sees the same sessions, and they outlive the process.
 *
 * <pre>{@code
 * Runner runner = Runner.builder()
 *         .agent(agent)
 *         .appName("support-bot")
 *         .sessionService(SessionGridSessionService.create("http://sessiongrid:8080"))
 *         .build();
 * }</pre>
 *
 * <p>It follows {@code InMemorySessionService}'s contract: sessions come back with {@code app:} and
 * {@code user:} state merged in under their prefixes; {@link #appendEvent} stores the event and its state
 * delta and updates the caller's {@link Session} object in place. {@code temp:}
 * keys reach that object (later agents of the same invocation read them) but are never stored. A
 * removed key ({@link com.google.adk.sessions.State#REMOVED}) is removed in storage, in every layer.
 *
 * <p>Every call returns a cold RxJava source that sends its request when subscribed, on the SDK's
 * non-blocking calls: no RxJava thread waits for the network. Results arrive on the HTTP client's threads,
 * with the subscriber's OpenTelemetry context made current (see {@link CallerContext}).
 *
 * <p>Stale writers are refused: the service remembers the version each Session object was loaded or
 * last written at and appends with {@code If-Match}; when another writer got there first, the append
 * fails with {@link StaleSessionException} and stores nothing (switch off with
 * {@link Builder#checkVersions(boolean)}). A Session object this service did not load appends unchecked.
 */
public final class SessionGridSessionService implements BaseSessionService, AutoCloseable {

    private final SessionGridClient client;
    private final boolean ownsClient;
    private final boolean checkVersions;
    private final SeenVersions seen = new SeenVersions();
    private final AppendQueue queue = new AppendQueue();

    /** A service on a client the caller configured and closes. */
    public SessionGridSessionService(SessionGridClient client) {
        this(client, false, true);
    }

    private SessionGridSessionService(SessionGridClient client, boolean ownsClient, boolean checkVersions) {
        this.client = Objects.requireNonNull(client, "client");
        this.ownsClient = ownsClient;
        this.checkVersions = checkVersions;
    }

    /** A service on a new client with the SDK's defaults for these endpoints; {@link #close()} closes it. */
    public static SessionGridSessionService create(String... endpoints) {
        return new SessionGridSessionService(SessionGridClient.builder().endpoints(endpoints).build(), true, true);
    }

    public static Builder builder(SessionGridClient client) {
        return new Builder(client);
    }

    @Override
    public Single<Session> createSession(String appName, String userId, ConcurrentMap<String, Object> state,
                                         String sessionId) {
        return createSession(appName, userId, (Map<String, Object>) state, sessionId);
    }

    @Override
    public Single<Session> createSession(String appName, String userId, Map<String, Object> state, String sessionId) {
        Objects.requireNonNull(appName, "appName cannot be null");
        Objects.requireNonNull(userId, "userId cannot be null");
        String id = sessionId == null || sessionId.isBlank() ? null : sessionId.trim();
        Map<String, Object> initial = state == null ? Map.of() : state;
        CreateSessionOptions options = CreateSessionOptions.builder()
                .sessionId(id)
                .state(StateValues.storableDelta(initial))
                .build();
        String attempted = "Creating session " + describe(appName, userId, id == null ? "(generated id)" : id);
        return single(() -> client.createSessionAsync(appName, userId, options), attempted).map(created -> {
            Session session = toAdk(created);
            initial.forEach((key, value) -> {
                if (StateValues.isTemp(key) && !StateValues.isRemoval(value)) {
                    session.state().put(key, value);
                }
            });
            return session;
        });
    }

    @Override
    public Maybe<Session> getSession(String appName, String userId, String sessionId, Optional<GetSessionConfig> config) {
        Objects.requireNonNull(appName, "appName cannot be null");
        Objects.requireNonNull(userId, "userId cannot be null");
        Objects.requireNonNull(sessionId, "sessionId cannot be null");
        Objects.requireNonNull(config, "config cannot be null");
        Integer recent = config.flatMap(GetSessionConfig::numRecentEvents).orElse(null);
        Instant after = config.flatMap(GetSessionConfig::afterTimestamp).orElse(null);
        Double bound = after == null ? null : Timestamps.lowerBoundSeconds(after);
        // ADK keeps the last N events and then drops those before the threshold. The grid applies the
        // threshold first; with timestamps out of order (clock skew between writers) the two differ, so
        // with both filters set the threshold is applied here, to at most N events.
        boolean thresholdHere = after != null && (recent != null || bound == null);
        String attempted = "Reading session " + describe(appName, userId, sessionId);
        return CallerContext.keep(Maybe.defer(() -> {
                    GetSessionOptions options = new GetSessionOptions(recent, thresholdHere ? null : bound);
                    return Maybe.fromCompletionStage(client.findSessionAsync(appName, userId, sessionId, options)
                            .thenApply(found -> found.orElse(null)));
                }))
                .onErrorResumeNext(error -> Maybe.error(Failures.toAdk(error, attempted)))
                .map(found -> {
                    Session session = toAdk(found);
                    if (thresholdHere) {
                        session.events().removeIf(event -> Instant.ofEpochMilli(event.timestamp()).isBefore(after));
                    }
                    return session;
                });
    }

    /** All of the user's sessions, with {@code app:}/{@code user:} state merged in and no events. */
    @Override
    public Single<ListSessionsResponse> listSessions(String appName, String userId) {
        Objects.requireNonNull(appName, "appName cannot be null");
        Objects.requireNonNull(userId, "userId cannot be null");
        String attempted = "Listing sessions of " + appName + "/" + userId;
        return single(() -> Pages.all(
                        token -> client.listSessionsAsync(appName, userId, new PageRequest(null, token)),
                        SessionPage::sessions, SessionPage::nextPageToken), attempted)
                .map(found -> {
                    List<Session> sessions = new ArrayList<>(found.size());
                    found.forEach(summary -> sessions.add(toAdk(summary)));
                    return ListSessionsResponse.builder().sessions(sessions).build();
                });
    }

    /** Completes also when the session does not exist, like ADK's in-memory service. */
    @Override
    public Completable deleteSession(String appName, String userId, String sessionId) {
        Objects.requireNonNull(appName, "appName cannot be null");
        Objects.requireNonNull(userId, "userId cannot be null");
        Objects.requireNonNull(sessionId, "sessionId cannot be null");
        String attempted = "Deleting session " + describe(appName, userId, sessionId);
        return CallerContext.keep(Completable.defer(
                        () -> Completable.fromCompletionStage(client.deleteSessionAsync(appName, userId, sessionId))))
                .onErrorResumeNext(error -> Completable.error(Failures.toAdk(error, attempted)));
    }

    /** Every event of the session, oldest first (all of the grid's pages); none for an absent session, like ADK's in-memory service. */
    @Override
    public Single<ListEventsResponse> listEvents(String appName, String userId, String sessionId) {
        Objects.requireNonNull(appName, "appName cannot be null");
        Objects.requireNonNull(userId, "userId cannot be null");
        Objects.requireNonNull(sessionId, "sessionId cannot be null");
        String attempted = "Listing events of session " + describe(appName, userId, sessionId);
        return single(() -> Pages.all(
                        token -> client.listEventsAsync(appName, userId, sessionId, new PageRequest(null, token), null),
                        EventPage::events, EventPage::nextPageToken), attempted)
                .map(found -> {
                    List<Event> events = new ArrayList<>(found.size());
                    found.forEach(event -> events.add(EventCodec.toAdk(event)));
                    return ListEventsResponse.builder().events(events).build();
                })
                .onErrorResumeNext(error -> error instanceof com.google.adk.sessions.SessionNotFoundException
                        ? Single.just(ListEventsResponse.builder().build()) : Single.error(error));
    }

    /**
     * Stores the event and the session's own state delta in one atomic step ({@code app:}/{@code user:}
     * deltas follow at once; a retry of the same event id stores nothing twice and completes them) and
     * updates {@code session} in place: the event added, the delta applied ({@code temp:} keys included),
     * {@code lastUpdateTime} set to the event's time. The update is made as the request is sent (see
     * {@link LocalAppend}) and taken back if the append fails; a Session object whose append failed is
     * stale from then on: load the session again. A partial event is returned as is and not stored.
     *
     * <p>Appends from one Session object are stored one at a time, in the order they were subscribed: one
     * subscribed while another from the same object is under way is applied and sent when that one has
     * completed, with the version it produced (see {@link AppendQueue}); after a failed one it fails too.
     *
     * @throws StaleSessionException (through the Single) if another writer appended since {@code session}
     *                               was loaded, or an earlier append from it failed
     */
    @Override
    public Single<Event> appendEvent(Session session, Event event) {
        Objects.requireNonNull(session, "session cannot be null");
        Objects.requireNonNull(event, "event cannot be null");
        if (event.partial().orElse(false)) {
            return Single.just(event);
        }
        String appName = Objects.requireNonNull(session.appName(), "session.appName cannot be null");
        String userId = Objects.requireNonNull(session.userId(), "session.userId cannot be null");
        String sessionId = Objects.requireNonNull(session.id(), "session.id cannot be null");
        return Single.defer(() -> {
            if (event.id() == null || event.id().isEmpty()) {
                event.setId(Event.generateEventId());  // the id makes the SDK's retries store the event once
            }
            String attempted = "Appending event " + event.id() + " to session " + describe(appName, userId, sessionId);
            if (failedBefore(session)) {
                return Single.error(StaleSessionException.afterFailure(appName, userId, sessionId));
            }
            io.sessiongrid.client.Event stored = EventCodec.toGrid(event);
            return Single.fromCompletionStage(queue.enqueue(session, () -> send(session, event, stored, attempted)));
        }).compose(CallerContext::keep);
    }

    /**
     * Applies and sends the append with the version the object has now (the previous append from it has
     * completed), and does the bookkeeping before the next one from it may start.
     */
    private CompletableFuture<Event> send(Session session, Event event, io.sessiongrid.client.Event stored,
                                          String attempted) {
        String appName = session.appName();
        String userId = session.userId();
        String sessionId = session.id();
        if (failedBefore(session)) {  // the append queued before this one failed
            return CompletableFuture.failedFuture(StaleSessionException.afterFailure(appName, userId, sessionId));
        }
        Long expected = checkVersions ? seen.of(session) : null;
        LocalAppend local = LocalAppend.applyUnlessHeld(session, event);
        CompletableFuture<AppendResult> sent;
        try {
            sent = client.appendEventAsync(appName, userId, sessionId, stored, expected);
        } catch (RuntimeException refused) {
            local.undo();
            return CompletableFuture.failedFuture(refused);
        }
        return sent.handle((result, error) -> {
            if (error != null) {
                local.undo();
                seen.failed(session);
                throw new CompletionException(Failures.onAppend(error, expected, appName, userId, sessionId, attempted));
            }
            local.dropOldest(result.droppedEvents());
            remember(session, result, expected);
            return event;
        });
    }

    private boolean failedBefore(Session session) {
        Long seenVersion = seen.of(session);
        return seenVersion != null && seenVersion == SeenVersions.FAILED;
    }

    /**
     * A replay answers the session's current version, which may include another writer's events: only
     * a version that is exactly the next one is known to be this object's own.
     */
    private void remember(Session session, AppendResult result, Long expected) {
        if (result.version() == null) {
            return;
        }
        if (result.replayed() && expected != null && result.version() != expected + 1) {
            return;
        }
        seen.remember(session, result.version());
    }

    /** Closes the client if this service created it ({@link #create}); a client passed in stays open. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    private Session toAdk(io.sessiongrid.client.Session grid) {
        Map<String, Object> state = new ConcurrentHashMap<>();
        for (Map.Entry<String, JsonNode> entry : grid.state().entrySet()) {
            Object value = StateValues.fromJson(entry.getValue());
            if (value != State.REMOVED) {
                state.put(entry.getKey(), value);
            }
        }
        List<Event> events = new ArrayList<>(grid.events().size());
        grid.events().forEach(event -> events.add(EventCodec.toAdk(event)));
        Session session = Session.builder(grid.id())
                .appName(grid.appName())
                .userId(grid.userId())
                .state(state)
                .events(events)
                .lastUpdateTime(Timestamps.toInstant(grid.lastUpdateTime()))
                .build();
        seen.remember(session, grid.version());
        return session;
    }

    private static <T> Single<T> single(Supplier<CompletableFuture<T>> call, String attempted) {
        return CallerContext.keep(Single.defer(() -> Single.fromCompletionStage(call.get())))
                .onErrorResumeNext(error -> Single.error(Failures.toAdk(error, attempted)));
    }

    private static String describe(String appName, String userId, String sessionId) {
        return appName + "/" + userId + "/" + sessionId;
    }

    /** Options beyond {@link #SessionGridSessionService(SessionGridClient)}. */
    public static final class Builder {

        private final SessionGridClient client;
        private boolean checkVersions = true;

        private Builder(SessionGridClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /**
         * Whether an append from a Session object that is behind storage fails with
         * {@link StaleSessionException} (the default) or is stored anyway, after the other writer's events.
         */
        public Builder checkVersions(boolean checkVersions) {
            this.checkVersions = checkVersions;
            return this;
        }

        /** The service; the client stays the caller's to close. */
        public SessionGridSessionService build() {
            return new SessionGridSessionService(client, false, checkVersions);
        }
    }
}
