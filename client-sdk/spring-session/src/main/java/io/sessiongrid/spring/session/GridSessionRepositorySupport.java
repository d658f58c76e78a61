package io.sessiongrid.spring.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessiongrid.client.CreateSessionOptions;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.client.SessionsById;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.PrincipalNameIndexResolver;
import org.springframework.session.SaveMode;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.events.SessionCreatedEvent;
import org.springframework.session.events.SessionDeletedEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * What the servlet and the reactive repository share: their settings, how a web session maps to a grid
 * session and back, and what a save must tell the grid ({@link SavePlan}). Each subclass only carries
 * the calls out, one blocking, one not.
 */
public abstract sealed class GridSessionRepositorySupport
        permits SessionGridSessionRepository, ReactiveSessionGridSessionRepository {

    private static final PrincipalNameIndexResolver<SessionGridSession> PRINCIPALS = new PrincipalNameIndexResolver<>();
    private static final String SECURITY_CONTEXT = "SPRING_SECURITY_CONTEXT";
    /** The first character of the grid's generated owners of anonymous sessions. */
    private static final String ANONYMOUS = "~";

    final SessionGridClient client;
    final String app;
    final SessionsById sessions;
    private AttributeCodec codec = new JavaSerializationCodec(Thread.currentThread().getContextClassLoader());
    private Duration defaultMaxInactiveInterval = Duration.ofMinutes(30);
    private SaveMode saveMode = SaveMode.ON_SET_ATTRIBUTE;
    private SessionIdGenerator idGenerator = new SecureSessionIdGenerator();
    private ApplicationEventPublisher events = event -> {
    };
    private volatile Duration appMaxIdle;

    GridSessionRepositorySupport(SessionGridClient client, String app) {
        this.client = Objects.requireNonNull(client, "client");
        this.app = Objects.requireNonNull(app, "app");
        this.sessions = client.sessionsById(app);
    }

    /** The grid app the sessions belong to (one per web application). */
    public String app() {
        return app;
    }

    public void setCodec(AttributeCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** How attributes are encoded (Java serialization unless set). */
    public AttributeCodec codec() {
        return codec;
    }

    public Duration getDefaultMaxInactiveInterval() {
        return defaultMaxInactiveInterval;
    }

    public void setDefaultMaxInactiveInterval(Duration interval) {
        this.defaultMaxInactiveInterval = Objects.requireNonNull(interval, "interval");
    }

    public void setSaveMode(SaveMode saveMode) {
        this.saveMode = Objects.requireNonNull(saveMode, "saveMode");
    }

    public void setSessionIdGenerator(SessionIdGenerator idGenerator) {
        this.idGenerator = Objects.requireNonNull(idGenerator, "idGenerator");
    }

    /** Where {@link SessionCreatedEvent} and {@link SessionDeletedEvent} go for this repository's own creates and deletes. */
    public void setApplicationEventPublisher(ApplicationEventPublisher events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    SaveMode saveMode() {
        return saveMode;
    }

    String newId() {
        return idGenerator.generate();
    }

    /** Saves at once when the flush mode says so; only the servlet repository has that mode. */
    void flushIfImmediate(SessionGridSession session) {
    }

    void publish(ApplicationEvent event) {
        events.publishEvent(event);
    }

    /** A new session, in the grid from its first save. */
    SessionGridSession newSession() {
        return new SessionGridSession(this, newId(), true, null, Instant.now(), defaultMaxInactiveInterval, Map.of());
    }

    /** {@link #appMaxIdle()} on the caller's thread: the servlet repository's. */
    Duration appMaxIdleNow() {
        Duration known = appMaxIdle;
        if (known == null) {
            known = client.getPolicy(app).maxIdle();
            appMaxIdle = known;
        }
        return known;
    }

    /** The app's idle timeout (zero: none), asked once: an app's policy is the grid's configuration. */
    CompletableFuture<Duration> appMaxIdle() {
        Duration known = appMaxIdle;
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return client.getPolicyAsync(app).thenApply(policy -> {
            appMaxIdle = policy.maxIdle();
            return policy.maxIdle();
        });
    }

    /** The owner a new session is created under: its principal's, or none (anonymous). */
    static String ownerAtCreate(SessionGridSession session) {
        String principal = PRINCIPALS.resolveIndexValueFor(session);
        return principal == null ? null : PrincipalOwners.ownerOf(principal);
    }

    /** The create of a new session: its id, every attribute and its idle timeout. */
    CreateSessionOptions createOptions(SessionGridSession session, Duration appMaxIdle) {
        CreateSessionOptions.Builder options = CreateSessionOptions.builder()
                .sessionId(session.getId())
                .state(encode(session.allAttributes()));
        Duration idle = idleTimeout(session.getMaxInactiveInterval(), appMaxIdle);
        if (idle != null) {
            options.maxIdle(idle);
        }
        return options.build();
    }

    /** What a save of a session the grid has must tell it, in order. */
    SavePlan plan(SessionGridSession session, Duration appMaxIdle) {
        SavePlan.OwnerChange owner = SavePlan.OwnerChange.NONE;
        String newOwner = null;
        Map<String, Object> delta = session.delta();
        if (delta.containsKey(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME) || delta.containsKey(SECURITY_CONTEXT)) {
            String principal = PRINCIPALS.resolveIndexValueFor(session);
            String current = session.userId();
            if (principal != null) {
                newOwner = PrincipalOwners.ownerOf(principal);
                owner = newOwner.equals(current) ? SavePlan.OwnerChange.NONE : SavePlan.OwnerChange.REKEY;
            } else if (current != null && !current.startsWith(ANONYMOUS)) {
                // Logged out, session kept (invalidateHttpSession(false), or the context removed):
                // it must leave the user's index, counts and "log out everywhere".
                owner = SavePlan.OwnerChange.ANONYMOUS;
            }
        }
        Map<String, Object> changes = new LinkedHashMap<>(delta);
        if (saveMode == SaveMode.ALWAYS) {
            changes.putAll(session.allAttributes());  // removals stay in: the delta's nulls
        }
        return new SavePlan(session.savedId(), owner, newOwner, session.maxInactiveChanged(),
                idleTimeout(session.getMaxInactiveInterval(), appMaxIdle), encode(changes));
    }

    /**
     * The grid counts idle timeouts in whole seconds (rounded up here), and a session's may not be longer
     * than its app's: a longer interval becomes the app's (null), as does a negative or zero one (the
     * app's is none unless the grid's operator set one).
     */
    static Duration idleTimeout(Duration interval, Duration appMaxIdle) {
        if (interval.isNegative() || interval.isZero()) {
            return null;
        }
        Duration seconds = Duration.ofSeconds(interval.getSeconds() + (interval.getNano() > 0 ? 1 : 0));
        return appMaxIdle.isZero() || seconds.compareTo(appMaxIdle) < 0 ? seconds : null;
    }

    private Map<String, JsonNode> encode(Map<String, Object> attributes) {
        Map<String, JsonNode> state = new LinkedHashMap<>();
        attributes.forEach((name, value) -> state.put(AttributeNames.toKey(name), value == null ? null : codec.encode(value)));
        return state;
    }

    /** The web session of a grid session (its attributes decoded when first read). */
    SessionGridSession toSession(Session grid) {
        Map<String, JsonNode> stored = new HashMap<>();
        grid.state().forEach((key, value) -> {
            String name = AttributeNames.fromKey(key);
            if (name != null) {
                stored.put(name, value);
            }
        });
        Duration idle = grid.maxIdle().isZero() ? Duration.ofSeconds(-1) : grid.maxIdle();
        SessionGridSession session = new SessionGridSession(this, grid.id(), false, grid.userId(),
                toInstant(grid.createTime()), idle, stored);
        session.setLastAccessedTime(grid.lastAccessTime() > 0 ? toInstant(grid.lastAccessTime()) : Instant.now());
        return session;
    }

    private static Instant toInstant(double epochSeconds) {
        return Instant.ofEpochMilli(Math.round(epochSeconds * 1000));
    }
}
