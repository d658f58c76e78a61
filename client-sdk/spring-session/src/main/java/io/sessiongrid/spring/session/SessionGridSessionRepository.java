package io.sessiongrid.spring.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessiongrid.client.CreateSessionOptions;
import io.sessiongrid.client.GetSessionOptions;
import io.sessiongrid.client.PageRequest;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.client.SessionNotFoundException;
import io.sessiongrid.client.SessionPage;
import io.sessiongrid.client.SessionsById;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.FlushMode;
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
import java.util.Optional;

/**
 * Spring Session's repository on Session Grid: HTTP sessions addressed by their id alone (the cookie's),
 * anonymous until a principal logs in, then the principal's ({@link PrincipalOwners} maps the name to a
 * grid user id), so {@link #findByPrincipalName} and the grid's "log the user out everywhere" cover them,
 * and anonymous again after a logout that keeps the session.
 *
 * <ul>
 *   <li>A new session is created in the grid on its first save, with its id (generated here, so the
 *   filter can set the cookie first) and its idle timeout (the max inactive interval).</li>
 *   <li>A save sends only the changed attributes as one state patch (no event is stored), after a
 *   changed id ({@code changeSessionId} at login: the grid moves the session, the old id is gone) and a
 *   new principal (the session is re-keyed to that user) or none (re-keyed to a new anonymous owner).</li>
 *   <li>Idle expiry is the grid's: a session past its max inactive interval is gone from the grid, and
 *   {@link #findById} answers null.</li>
 * </ul>
 */
public final class SessionGridSessionRepository implements FindByIndexNameSessionRepository<SessionGridSession> {

    private static final Log LOG = LogFactory.getLog(SessionGridSessionRepository.class);

    private static final PrincipalNameIndexResolver<SessionGridSession> PRINCIPALS = new PrincipalNameIndexResolver<>();
    private static final String SECURITY_CONTEXT = "SPRING_SECURITY_CONTEXT";
    /** The first character of the grid's generated owners of anonymous sessions. */
    private static final String ANONYMOUS = "~";

    private final SessionGridClient client;
    private final String app;
    private final SessionsById sessions;
    private AttributeCodec codec = new JavaSerializationCodec(Thread.currentThread().getContextClassLoader());
    private Duration defaultMaxInactiveInterval = Duration.ofMinutes(30);
    private FlushMode flushMode = FlushMode.ON_SAVE;
    private SaveMode saveMode = SaveMode.ON_SET_ATTRIBUTE;
    private SessionIdGenerator idGenerator = new SecureSessionIdGenerator();
    private ApplicationEventPublisher events = event -> {
    };
    private volatile Duration appMaxIdle;

    /** @param app the grid app the sessions belong to (one per web application) */
    public String app() {
        return app;
    }

    public SessionGridSessionRepository(SessionGridClient client, String app) {
        this.client = Objects.requireNonNull(client, "client");
        this.app = Objects.requireNonNull(app, "app");
        this.sessions = client.sessionsById(app);
    }

    public void setCodec(AttributeCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    public Duration getDefaultMaxInactiveInterval() {
        return defaultMaxInactiveInterval;
    }

    public void setDefaultMaxInactiveInterval(Duration interval) {
        this.defaultMaxInactiveInterval = Objects.requireNonNull(interval, "interval");
    }

    public void setFlushMode(FlushMode flushMode) {
        this.flushMode = Objects.requireNonNull(flushMode, "flushMode");
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

    /** A new session, in the grid from its first save. */
    @Override
    public SessionGridSession createSession() {
        SessionGridSession session = new SessionGridSession(this, newId(), true, null, Instant.now(),
                defaultMaxInactiveInterval, Map.of());
        flushIfImmediate(session);
        return session;
    }

    /**
     * Stores what the request changed. A session that is gone by now (logged out in another tab, expired,
     * moved by a concurrent login) stays gone: its changes are dropped, never re-created.
     */
    @Override
    public void save(SessionGridSession session) {
        if (session.isNew()) {
            create(session);
            return;
        }
        try {
            session.saved(update(session));
        } catch (SessionNotFoundException gone) {
            LOG.debug("Session " + session.getId() + " is gone from the grid; its changes are dropped");
            session.saved(session.userId());
        }
    }

    private String update(SessionGridSession session) {
        String owner = session.userId();
        if (session.savedId() != null) {
            sessions.changeId(session.savedId(), session.getId());
        }
        if (principalMayHaveChanged(session)) {
            String principal = PRINCIPALS.resolveIndexValueFor(session);
            if (principal != null) {
                String principalOwner = PrincipalOwners.ownerOf(principal);
                if (!principalOwner.equals(owner)) {
                    sessions.rekey(session.getId(), principalOwner);
                    owner = principalOwner;
                }
            } else if (owner != null && !owner.startsWith(ANONYMOUS)) {
                // Logged out, session kept (invalidateHttpSession(false), or the context removed):
                // it must leave the user's index, counts and "log out everywhere".
                owner = sessions.makeAnonymous(session.getId()).userId();
            }
        }
        if (session.maxInactiveChanged()) {
            sessions.setMaxIdle(session.getId(), idleTimeout(session.getMaxInactiveInterval()));
        }
        Map<String, Object> changes = new LinkedHashMap<>(session.delta());
        if (saveMode == SaveMode.ALWAYS) {
            changes.putAll(session.allAttributes());  // removals stay in: the delta's nulls
        }
        if (!changes.isEmpty()) {
            sessions.patchState(session.getId(), encode(changes));
        }
        return owner;
    }

    private void create(SessionGridSession session) {
        String principal = PRINCIPALS.resolveIndexValueFor(session);
        String owner = principal == null ? null : PrincipalOwners.ownerOf(principal);
        Duration idle = idleTimeout(session.getMaxInactiveInterval());
        CreateSessionOptions.Builder options = CreateSessionOptions.builder()
                .sessionId(session.getId())
                .state(encode(session.allAttributes()));
        if (idle != null) {
            options.maxIdle(idle);
        }
        Session created = sessions.create(owner, options.build());
        session.saved(created.userId());
        events.publishEvent(new SessionCreatedEvent(this, session));
    }

    /** Whether this request may have changed the principal: a login or logout writes one of these attributes. */
    private static boolean principalMayHaveChanged(SessionGridSession session) {
        Map<String, Object> delta = session.delta();
        return delta.containsKey(PRINCIPAL_NAME_INDEX_NAME) || delta.containsKey(SECURITY_CONTEXT);
    }

    /**
     * The grid counts idle timeouts in whole seconds (rounded up here), and a session's may not be longer
     * than its app's: a longer interval becomes the app's (null), as does a negative or zero one (the
     * app's is none unless the grid's operator set one).
     */
    private Duration idleTimeout(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            return null;
        }
        Duration seconds = Duration.ofSeconds(interval.getSeconds() + (interval.getNano() > 0 ? 1 : 0));
        Duration appMaxIdle = appMaxIdle();
        return appMaxIdle.isZero() || seconds.compareTo(appMaxIdle) < 0 ? seconds : null;
    }

    /** The app's idle timeout (zero: none), asked once: an app's policy is the grid's configuration. */
    private Duration appMaxIdle() {
        Duration known = appMaxIdle;
        if (known == null) {
            known = client.getPolicy(app).maxIdle();
            appMaxIdle = known;
        }
        return known;
    }

    private Map<String, JsonNode> encode(Map<String, Object> attributes) {
        Map<String, JsonNode> state = new LinkedHashMap<>();
        attributes.forEach((name, value) -> state.put(AttributeNames.toKey(name), value == null ? null : codec.encode(value)));
        return state;
    }

    /** The session, or null when the grid has none under this id (never created, deleted, or expired). */
    @Override
    public SessionGridSession findById(String id) {
        Optional<Session> found = sessions.find(id, GetSessionOptions.recentEvents(0));
        return found.map(this::toSession).orElse(null);
    }

    /** Deletes the session; publishes {@link SessionDeletedEvent} when it existed. */
    @Override
    public void deleteById(String id) {
        SessionGridSession existing = findById(id);
        sessions.delete(id);
        if (existing != null) {
            events.publishEvent(new SessionDeletedEvent(this, existing));
        }
    }

    /** The principal's sessions by id (the only index this repository keeps); empty for other index names. */
    @Override
    public Map<String, SessionGridSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        Map<String, SessionGridSession> found = new HashMap<>();
        if (!PRINCIPAL_NAME_INDEX_NAME.equals(indexName) || indexValue == null) {
            return found;
        }
        PageRequest page = PageRequest.first();
        while (true) {
            SessionPage listed = client.listSessions(app, PrincipalOwners.ownerOf(indexValue), page);
            listed.sessions().forEach(s -> found.put(s.id(), toSession(s)));
            if (!listed.hasNext()) {
                return found;
            }
            page = page.next(listed.nextPageToken());
        }
    }

    private SessionGridSession toSession(Session grid) {
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

    String newId() {
        return idGenerator.generate();
    }

    /** How attributes are encoded (Java serialization unless set). */
    public AttributeCodec codec() {
        return codec;
    }

    SaveMode saveMode() {
        return saveMode;
    }

    void flushIfImmediate(SessionGridSession session) {
        if (flushMode == FlushMode.IMMEDIATE) {
            save(session);
        }
    }
}
