package io.sessiongrid.spring.session;

import io.sessiongrid.client.GetSessionOptions;
import io.sessiongrid.client.PageRequest;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.client.SessionNotFoundException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.session.ReactiveFindByIndexNameSessionRepository;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.events.SessionCreatedEvent;
import org.springframework.session.events.SessionDeletedEvent;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Spring Session's reactive repository on Session Grid, for WebFlux apps: the same sessions, stored the
 * same way as {@link SessionGridSessionRepository} stores them (the two can serve one app's instances
 * side by side), on the SDK's non-blocking calls, so no event-loop thread waits for the grid. Spring
 * Session's reactive stores have no immediate flush: a save happens when the exchange commits.
 */
public final class ReactiveSessionGridSessionRepository extends GridSessionRepositorySupport
        implements ReactiveSessionRepository<SessionGridSession>, ReactiveFindByIndexNameSessionRepository<SessionGridSession> {

    private static final Log LOG = LogFactory.getLog(ReactiveSessionGridSessionRepository.class);

    public ReactiveSessionGridSessionRepository(SessionGridClient client, String app) {
        super(client, app);
    }

    @Override
    public Mono<SessionGridSession> createSession() {
        return Mono.fromSupplier(this::newSession);
    }

    /** As {@link SessionGridSessionRepository#save}: a session gone meanwhile stays gone. */
    @Override
    public Mono<Void> save(SessionGridSession session) {
        return Mono.fromFuture(() -> appMaxIdle().thenCompose(appMaxIdle -> session.isNew()
                ? create(session, appMaxIdle)
                : update(plan(session, appMaxIdle), session).handle((owner, error) -> {
                    if (error == null) {
                        session.saved(owner);
                        return null;
                    }
                    if (cause(error) instanceof SessionNotFoundException) {
                        LOG.debug("Session " + session.getId() + " is gone from the grid; its changes are dropped");
                        session.saved(session.userId());
                        return null;
                    }
                    throw error instanceof CompletionException ce ? ce : new CompletionException(error);
                })));
    }

    private CompletableFuture<Void> create(SessionGridSession session, Duration appMaxIdle) {
        return sessions.createAsync(ownerAtCreate(session), createOptions(session, appMaxIdle)).thenAccept(created -> {
            session.saved(created.userId());
            publish(new SessionCreatedEvent(this, session));
        });
    }

    /** Carries the plan out in order, one call after another; answers the session's owner afterwards. */
    private CompletableFuture<String> update(SavePlan plan, SessionGridSession session) {
        String id = session.getId();
        CompletableFuture<Void> moved = plan.previousId() == null ? CompletableFuture.completedFuture(null)
                : sessions.changeIdAsync(plan.previousId(), id).thenApply(s -> null);
        CompletableFuture<String> owned = moved.thenCompose(ignored -> switch (plan.owner()) {
            case REKEY -> sessions.rekeyAsync(id, plan.newOwner()).thenApply(Session::userId);
            case ANONYMOUS -> sessions.makeAnonymousAsync(id).thenApply(Session::userId);
            case NONE -> CompletableFuture.completedFuture(session.userId());
        });
        return owned.thenCompose(owner -> (plan.maxIdleChanged() ? sessions.setMaxIdleAsync(id, plan.maxIdle())
                        : CompletableFuture.<Void>completedFuture(null))
                .thenCompose(ignored -> plan.patch().isEmpty() ? CompletableFuture.completedFuture(0L)
                        : sessions.patchStateAsync(id, plan.patch()))
                .thenApply(version -> owner));
    }

    /** The session, or empty when the grid has none under this id (never created, deleted, or expired). */
    @Override
    public Mono<SessionGridSession> findById(String id) {
        return Mono.fromFuture(() -> sessions.findAsync(id, GetSessionOptions.recentEvents(0)))
                .flatMap(found -> Mono.justOrEmpty(found.map(this::toSession)));
    }

    /** Deletes the session; publishes {@link SessionDeletedEvent} when it existed. */
    @Override
    public Mono<Void> deleteById(String id) {
        return findById(id).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(existing -> Mono.fromFuture(() -> sessions.deleteAsync(id))
                        .then(Mono.fromRunnable(() -> existing.ifPresent(s -> publish(new SessionDeletedEvent(this, s))))));
    }

    /** The principal's sessions by id (the only index this repository keeps); empty for other index names. */
    @Override
    public Mono<Map<String, SessionGridSession>> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        if (!PRINCIPAL_NAME_INDEX_NAME.equals(indexName) || indexValue == null) {
            return Mono.just(new HashMap<>());
        }
        String owner = PrincipalOwners.ownerOf(indexValue);
        return Mono.fromFuture(() -> collect(owner, PageRequest.first(), new HashMap<>()));
    }

    private CompletableFuture<Map<String, SessionGridSession>> collect(String owner, PageRequest page,
                                                                        Map<String, SessionGridSession> found) {
        return client.listSessionsAsync(app, owner, page).thenCompose(listed -> {
            listed.sessions().forEach(s -> found.put(s.id(), toSession(s)));
            return listed.hasNext() ? collect(owner, page.next(listed.nextPageToken()), found)
                    : CompletableFuture.completedFuture(found);
        });
    }

    private static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
