package io.sessiongrid.spring.session;

import io.sessiongrid.client.GetSessionOptions;
import io.sessiongrid.client.PageRequest;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.client.SessionNotFoundException;
import io.sessiongrid.client.SessionPage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.FlushMode;
import org.springframework.session.events.SessionCreatedEvent;
import org.springframework.session.events.SessionDeletedEvent;

import java.util.HashMap;
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
public final class SessionGridSessionRepository extends GridSessionRepositorySupport
        implements FindByIndexNameSessionRepository<SessionGridSession> {

    private static final Log LOG = LogFactory.getLog(SessionGridSessionRepository.class);

    private FlushMode flushMode = FlushMode.ON_SAVE;

    public SessionGridSessionRepository(SessionGridClient client, String app) {
        super(client, app);
    }

    public void setFlushMode(FlushMode flushMode) {
        this.flushMode = Objects.requireNonNull(flushMode, "flushMode");
    }

    /** A new session, in the grid from its first save. */
    @Override
    public SessionGridSession createSession() {
        SessionGridSession session = newSession();
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
            session.saved(update(plan(session, appMaxIdleNow()), session));
        } catch (SessionNotFoundException gone) {
            LOG.debug("Session " + session.getId() + " is gone from the grid; its changes are dropped");
            session.saved(session.userId());
        }
    }

    /** Carries the plan out; answers the session's owner afterwards. */
    private String update(SavePlan plan, SessionGridSession session) {
        String id = session.getId();
        String owner = session.userId();
        if (plan.previousId() != null) {
            sessions.changeId(plan.previousId(), id);
        }
        switch (plan.owner()) {
            case REKEY -> owner = sessions.rekey(id, plan.newOwner()).userId();
            case ANONYMOUS -> owner = sessions.makeAnonymous(id).userId();
            case NONE -> { }
        }
        if (plan.maxIdleChanged()) {
            sessions.setMaxIdle(id, plan.maxIdle());
        }
        if (!plan.patch().isEmpty()) {
            sessions.patchState(id, plan.patch());
        }
        return owner;
    }

    private void create(SessionGridSession session) {
        Session created = sessions.create(ownerAtCreate(session), createOptions(session, appMaxIdleNow()));
        session.saved(created.userId());
        publish(new SessionCreatedEvent(this, session));
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
            publish(new SessionDeletedEvent(this, existing));
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

    @Override
    void flushIfImmediate(SessionGridSession session) {
        if (flushMode == FlushMode.IMMEDIATE) {
            save(session);
        }
    }
}
