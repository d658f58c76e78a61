package io.sessiongrid.adk;

import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.Session;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * An event applied to the caller's {@link Session} object — event added, state delta applied
 * ({@code temp:} keys included), {@code lastUpdateTime} set to the event's time — that can be undone if
 * storing it fails.
 *
 * <p>It is applied while the event is being stored, not after, because ADK does not wait: a
 * {@code SequentialAgent} starts its next agent as soon as the previous one has emitted its last event,
 * while the Runner is still appending it, and that agent must read the state the previous one wrote (ADK's
 * in-memory service applies the event before it even returns).
 */
final class LocalAppend {

    private static final Object ABSENT = new Object();

    private final Session session;
    private final Event event;
    private final Map<String, Object> before = new HashMap<>();
    private final Map<String, Object> applied = new HashMap<>();
    private final Instant lastUpdateBefore;

    private LocalAppend(Session session, Event event) {
        this.session = session;
        this.event = event;
        this.lastUpdateBefore = session.lastUpdateTime();
    }

    static LocalAppend apply(Session session, Event event) {
        LocalAppend append = new LocalAppend(session, event);
        EventActions actions = event.actions();
        Map<String, Object> state = session.state();
        if (actions != null && actions.stateDelta() != null && state != null) {
            actions.stateDelta().forEach((key, value) -> {
                append.before.putIfAbsent(key, state.containsKey(key) ? state.get(key) : ABSENT);
                if (StateValues.isRemoval(value)) {
                    state.remove(key);
                    append.applied.put(key, ABSENT);
                } else {
                    state.put(key, value);
                    append.applied.put(key, value);
                }
            });
        }
        session.events().add(event);
        session.lastUpdateTime(Instant.ofEpochMilli(event.timestamp()));
        return append;
    }

    /** Takes the event back out; a key something else changed since is left as it is now. */
    void undo() {
        Map<String, Object> state = session.state();
        before.forEach((key, previous) -> {
            Object current = state.containsKey(key) ? state.get(key) : ABSENT;
            if (current != applied.get(key)) {
                return;
            }
            if (previous == ABSENT) {
                state.remove(key);
            } else {
                state.put(key, previous);
            }
        });
        synchronized (session.events()) {
            session.events().removeIf(held -> held == event);
        }
        if (Instant.ofEpochMilli(event.timestamp()).equals(session.lastUpdateTime())) {
            session.lastUpdateTime(lastUpdateBefore);
        }
    }
}
