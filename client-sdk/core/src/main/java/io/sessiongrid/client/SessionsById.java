package io.sessiongrid.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessiongrid.client.internal.ApiPaths;
import io.sessiongrid.client.internal.ApiRequest;
import io.sessiongrid.client.internal.Reply;
import io.sessiongrid.client.internal.ResourcePath;
import io.sessiongrid.client.internal.VersionTag;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import static io.sessiongrid.client.internal.ApiRequest.IDEMPOTENT;
import static io.sessiongrid.client.internal.ApiRequest.NOT_IDEMPOTENT;

/**
 * One app's sessions addressed by their id alone, as a web request knows them from its cookie: the
 * node finds the owner through the app's id index in the same call. Sessions created here are in that
 * index, so their ids are unique within the app; created without a user they are anonymous (their
 * user id is generated and starts with {@code ~}) until {@link #rekey} gives them one.
 *
 * <p>Obtained from {@link SessionGridClient#sessionsById(String)}; as cheap to create as to keep.
 */
public final class SessionsById {

    private final SessionGridClient client;
    private final String app;

    SessionsById(SessionGridClient client, String app) {
        this.client = client;
        this.app = Objects.requireNonNull(app, "app must not be null");
    }

    /**
     * Creates a session.
     *
     * @param userId  the owner, or {@code null} for an anonymous session
     * @param options id (null: generated), state, timeouts; a worker is set with the user-keyed calls
     * @throws SessionExistsException if another session of the app has the id
     */
    public Session create(String userId, CreateSessionOptions options) {
        Reply reply = client.transport().send(createRequest(userId, options));
        // A repeat of a create with the caller's id may meet the session its first attempt made.
        if (options.sessionId() != null && client.repeatMetItsOwnCreate(reply)) {
            return get(options.sessionId(), GetSessionOptions.allEvents());
        }
        return client.readSession(client.readJson(client.checked(reply)));
    }

    /** {@link #create} without blocking: the future fails with what the blocking call would throw. */
    public CompletableFuture<Session> createAsync(String userId, CreateSessionOptions options) {
        return async(() -> client.transport().sendAsync(createRequest(userId, options)).thenCompose(reply ->
                options.sessionId() != null && client.repeatMetItsOwnCreate(reply)
                        ? getAsync(options.sessionId(), GetSessionOptions.allEvents())
                        : CompletableFuture.completedFuture(client.readSession(client.readJson(client.checked(reply))))));
    }

    private ApiRequest createRequest(String userId, CreateSessionOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        if (options.workerId() != null) {
            throw new IllegalArgumentException("a session addressed by id is pinned with setWorker, not at create");
        }
        ObjectNode body = (ObjectNode) client.json().read(client.createBody(options));
        if (userId != null) {
            body.put("userId", userId);
        }
        return ApiRequest.postJson(ApiPaths.appSessions(app), client.json().write(body),
                options.sessionId() == null ? NOT_IDEMPOTENT : IDEMPOTENT);
    }

    /** @throws SessionNotFoundException if no session of the app has this id (it may have expired) */
    public Session get(String sessionId, GetSessionOptions options) {
        return client.readSession(client.sendForJson(getRequest(sessionId, options)));
    }

    /** {@link #get} without blocking. */
    public CompletableFuture<Session> getAsync(String sessionId, GetSessionOptions options) {
        return async(() -> client.sendForJsonAsync(getRequest(sessionId, options)).thenApply(client::readSession));
    }

    /** {@link #find} without blocking: empty when there is no such session. */
    public CompletableFuture<Optional<Session>> findAsync(String sessionId, GetSessionOptions options) {
        return async(() -> SessionGridClient.foundOrEmpty(getAsync(sessionId, options)));
    }

    private ApiRequest getRequest(String sessionId, GetSessionOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        ResourcePath path = ApiPaths.sessionById(app, sessionId)
                .withQuery("numRecentEvents", options.numRecentEvents())
                .withQuery("afterTimestamp", options.afterTimestamp());
        return ApiRequest.get(path, IDEMPOTENT);
    }

    /** Like {@link #get}, but empty when there is no such session. */
    public Optional<Session> find(String sessionId, GetSessionOptions options) {
        try {
            return Optional.of(get(sessionId, options));
        } catch (SessionNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Merges a state patch without storing an event: each key is set, a {@code null} value removes it;
     * {@code app:}/{@code user:} keys go to their layers. The session gets a new version and its idle
     * timeout restarts. Retried like a read: merging the same values twice ends the same.
     *
     * @return the session's new version
     */
    public long patchState(String sessionId, Map<String, ?> patch) {
        return patch(sessionId, patch, null);
    }

    /**
     * {@link #patchState(String, Map)} only if the session is still at {@code expectedVersion}; not retried
     * once it may have reached a node (a repeat would meet the version its first attempt made).
     *
     * @throws VersionConflictException if the session has another version
     */
    public long patchState(String sessionId, Map<String, ?> patch, long expectedVersion) {
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must be >= 0 but was " + expectedVersion);
        }
        return patch(sessionId, patch, expectedVersion);
    }

    /** {@link #patchState(String, Map, long)} without blocking; not retried once it may have reached a node. */
    public CompletableFuture<Long> patchStateAsync(String sessionId, Map<String, ?> patch, long expectedVersion) {
        return async(() -> {
            if (expectedVersion < 0) {
                throw new IllegalArgumentException("expectedVersion must be >= 0 but was " + expectedVersion);
            }
            return client.sendForJsonAsync(patchRequest(sessionId, patch, expectedVersion)).thenApply(SessionsById::version);
        });
    }

    /** {@link #patchState(String, Map)} without blocking. */
    public CompletableFuture<Long> patchStateAsync(String sessionId, Map<String, ?> patch) {
        return async(() -> client.sendForJsonAsync(patchRequest(sessionId, patch, null)).thenApply(SessionsById::version));
    }

    private long patch(String sessionId, Map<String, ?> patch, Long expectedVersion) {
        return version(client.sendForJson(patchRequest(sessionId, patch, expectedVersion)));
    }

    private ApiRequest patchRequest(String sessionId, Map<String, ?> patch, Long expectedVersion) {
        Objects.requireNonNull(patch, "patch must not be null");
        ObjectNode body = client.json().newObject();
        body.set("state", client.json().toTree(patch));
        ApiRequest request = ApiRequest.patchJson(ApiPaths.sessionById(app, sessionId), client.json().write(body),
                expectedVersion == null ? IDEMPOTENT : NOT_IDEMPOTENT);
        return expectedVersion == null ? request : request.withHeader("If-Match", VersionTag.format(expectedVersion));
    }

    private static long version(JsonNode answer) {
        JsonNode version = answer.path("version");
        if (!version.canConvertToLong()) {
            throw new SessionGridTransportException("unreadable response body: no \"version\" in a patch's answer", null);
        }
        return version.longValue();
    }

    /**
     * Gives the session its own idle timeout (whole seconds, at most the app's), or with {@code null} the
     * app's — none, if the app has none: the session then never goes idle. Restarts the timeout.
     */
    public void setMaxIdle(String sessionId, Duration maxIdle) {
        client.send(maxIdleRequest(sessionId, maxIdle));
    }

    /** {@link #setMaxIdle} without blocking. */
    public CompletableFuture<Void> setMaxIdleAsync(String sessionId, Duration maxIdle) {
        return async(() -> client.sendAsync(maxIdleRequest(sessionId, maxIdle)).thenApply(answer -> null));
    }

    private ApiRequest maxIdleRequest(String sessionId, Duration maxIdle) {
        ObjectNode body = client.json().newObject();
        if (maxIdle == null) {
            body.putNull("maxIdleSeconds");
        } else {
            if (maxIdle.isNegative() || maxIdle.isZero() || maxIdle.getNano() != 0) {
                throw new IllegalArgumentException("maxIdle must be whole seconds >= 1 but was " + maxIdle);
            }
            body.put("maxIdleSeconds", maxIdle.getSeconds());
        }
        return ApiRequest.patchJson(ApiPaths.sessionById(app, sessionId), client.json().write(body), IDEMPOTENT);
    }

    /** Restarts the session's idle timeout without reading it. */
    public void touch(String sessionId) {
        client.send(ApiRequest.post(ApiPaths.sessionByIdAction(app, sessionId, "touch"), IDEMPOTENT));
    }

    /** {@link #touch} without blocking. */
    public CompletableFuture<Void> touchAsync(String sessionId) {
        return async(() -> client.sendAsync(ApiRequest.post(ApiPaths.sessionByIdAction(app, sessionId, "touch"), IDEMPOTENT))
                .thenApply(answer -> null));
    }

    /** Deletes the session; an absent one is not an error. */
    public void delete(String sessionId) {
        client.send(ApiRequest.delete(ApiPaths.sessionById(app, sessionId), IDEMPOTENT));
    }

    /** {@link #delete} without blocking. */
    public CompletableFuture<Void> deleteAsync(String sessionId) {
        return async(() -> client.sendAsync(ApiRequest.delete(ApiPaths.sessionById(app, sessionId), IDEMPOTENT)).thenApply(answer -> null));
    }

    /**
     * Gives the session a new id the server generates (session fixation protection at login); the old id
     * is gone at once. State, events and timeouts stay. Not retried once it may have reached a node: a
     * repeat would find the old id gone.
     *
     * @return the session under its new id
     */
    public Session changeId(String sessionId) {
        return client.readSession(client.sendForJson(
                ApiRequest.post(ApiPaths.sessionByIdAction(app, sessionId, "change-id"), NOT_IDEMPOTENT)));
    }

    /** {@link #changeId(String)} without blocking; not retried once it may have reached a node. */
    public CompletableFuture<Session> changeIdAsync(String sessionId) {
        return async(() -> client.sendForJsonAsync(
                        ApiRequest.post(ApiPaths.sessionByIdAction(app, sessionId, "change-id"), NOT_IDEMPOTENT))
                .thenApply(client::readSession));
    }

    /**
     * {@link #changeId(String)} to an id the caller chose (a web framework sets the new cookie before it
     * saves the session). Retried like a read: a repeat that finds the old id gone and the new one there
     * counts as done (a login must not fail on one lost answer).
     *
     * @throws SessionExistsException if another session of the app has {@code newId}
     */
    public Session changeId(String sessionId, String newId) {
        try {
            return client.readSession(client.sendForJson(changeIdRequest(sessionId, newId)));
        } catch (SessionNotFoundException e) {
            // A repeat after an attempt that moved the session finds the old id gone and the new one taken.
            return find(newId, GetSessionOptions.allEvents()).orElseThrow(() -> e);
        }
    }

    /** {@link #changeId(String, String)} without blocking, retried alike. */
    public CompletableFuture<Session> changeIdAsync(String sessionId, String newId) {
        return async(() -> client.sendForJsonAsync(changeIdRequest(sessionId, newId)).thenApply(client::readSession)
                .exceptionallyCompose(error -> SessionGridClient.cause(error) instanceof SessionNotFoundException
                        ? findAsync(newId, GetSessionOptions.allEvents()).thenApply(found -> found.orElseThrow(() ->
                                new CompletionException(SessionGridClient.cause(error))))
                        : CompletableFuture.failedFuture(error)));
    }

    private ApiRequest changeIdRequest(String sessionId, String newId) {
        Objects.requireNonNull(newId, "newId must not be null");
        ObjectNode body = client.json().newObject().put("sessionId", newId);
        return ApiRequest.postJson(ApiPaths.sessionByIdAction(app, sessionId, "change-id"), client.json().write(body),
                IDEMPOTENT);
    }

    /**
     * Makes the session {@code userId}'s, keeping its id (an anonymous session at login), within the app's
     * per-user session limit; user listings, counts and "log out everywhere" include it from then on.
     */
    public Session rekey(String sessionId, String userId) {
        Objects.requireNonNull(userId, "userId must not be null (makeAnonymous drops the owner)");
        return client.readSession(client.sendForJson(rekeyRequest(sessionId, userId)));
    }

    /**
     * Makes the session anonymous again, keeping its id, state and events (a logout that keeps the
     * session): it gets a generated owner starting with {@code ~}, so it leaves its former user's
     * listings, counts and {@link SessionGridClient#deleteUserSessions}. A session that is anonymous
     * already stays as it is.
     *
     * @return the session under its new owner
     * @throws SessionNotFoundException when the app has no session with that id
     */
    public Session makeAnonymous(String sessionId) {
        return client.readSession(client.sendForJson(rekeyRequest(sessionId, null)));
    }

    /** {@link #rekey} without blocking. */
    public CompletableFuture<Session> rekeyAsync(String sessionId, String userId) {
        return async(() -> {
            Objects.requireNonNull(userId, "userId must not be null (makeAnonymousAsync drops the owner)");
            return client.sendForJsonAsync(rekeyRequest(sessionId, userId)).thenApply(client::readSession);
        });
    }

    /** {@link #makeAnonymous} without blocking. */
    public CompletableFuture<Session> makeAnonymousAsync(String sessionId) {
        return async(() -> client.sendForJsonAsync(rekeyRequest(sessionId, null)).thenApply(client::readSession));
    }

    /** A re-key to {@code userId}, or to a new anonymous owner when it is null. */
    private ApiRequest rekeyRequest(String sessionId, String userId) {
        ObjectNode body = client.json().newObject();
        if (userId == null) {
            body.putNull("userId");
        } else {
            body.put("userId", userId);
        }
        return ApiRequest.postJson(ApiPaths.sessionByIdAction(app, sessionId, "rekey"), client.json().write(body), IDEMPOTENT);
    }

    /**
     * Runs an async call's own first part (argument checks, building the request) so that what it throws
     * fails the future, as the blocking call's exception would be thrown, instead of escaping the call.
     */
    private static <T> CompletableFuture<T> async(Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
