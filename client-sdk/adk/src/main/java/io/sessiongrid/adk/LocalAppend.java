package io.sessiongrid.adk;

import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.Session;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An event applied to the caller's {@link Session} object — event added, state delta applied
 * ({@code temp:} keys included), {@code lastUpdateTime} set to the event's time — that can be taken back
 * if storing it fails.
 *
 * <p>It is applied as the request is sent, not when the answer arrives, because ADK does not wait: the
 * Runner lets a {@code SequentialAgent} start its next agent once the previous agent has emitted its last
 * event, whose append may still be under way (ADK's in-memory service applies an event before it even
 * returns). An append the Runner has not yet handed over cannot be seen here: see README, "Known limits".
 *
 * <p>Applying and taking back lock the session's event list, so two appends from one object never
 * interleave; the state is changed with the map's atomic operations, so a key something else has changed
 * since is left as it is.
 */
final class LocalAppend {

    private static final LocalAppend NOTHING = new LocalAppend(null, null, null);

    private final Session session;
    private final Event event;
    private final Instant lastUpdate;
    private final Map<String, Object> before = new HashMap<>();
    private final Map<String, Object> applied = new HashMap<>();
    private Instant previousLastUpdate;

    private LocalAppend(Session session, Event event, Instant lastUpdate) {
        this.session = session;
        this.event = event;
        this.lastUpdate = lastUpdate;
    }

    /** Applies the event unless the object holds it already (a caller's retry changes nothing here). */
    static LocalAppend applyUnlessHeld(Session session, Event event) {
        List<Event> events = session.events();
        synchronized (events) {
            for (Event held : events) {
                if (event.id().equals(held.id())) {
                    return NOTHING;
                }
            }
            // A fresh instance, so taking back can tell this append's time from a later one's equal time.
            Instant at = Instant.ofEpochSecond(0, 0).plusMillis(event.timestamp());
            LocalAppend append = new LocalAppend(session, event, at);
            EventActions actions = event.actions();
            Map<String, Object> state = session.state();
            if (actions != null && actions.stateDelta() != null && state != null) {
                actions.stateDelta().forEach((key, value) -> {
                    append.before.putIfAbsent(key, state.get(key));
                    if (StateValues.isRemoval(value)) {
                        state.remove(key);
                        append.applied.put(key, null);
                    } else {
                        state.put(key, value);
                        append.applied.put(key, value);
                    }
                });
            }
            append.previousLastUpdate = session.lastUpdateTime();
            events.add(event);
            session.lastUpdateTime(at);
            return append;
        }
    }

    /**
     * Takes the event back out. Values written into the state before the append (by a tool or callback,
     * which write through) cannot be told from the delta and stay: the object is stale after a failed
     * append either way.
     */
    void undo() {
        if (session == null) {
            return;
        }
        List<Event> events = session.events();
        synchronized (events) {
            Map<String, Object> state = session.state();
            before.forEach((key, previous) -> {
                Object mine = applied.get(key);
                if (mine == null) {
                    if (previous != null) {
                        state.putIfAbsent(key, previous);
                    }
                } else if (previous == null) {
                    state.remove(key, mine);
                } else {
                    state.replace(key, mine, previous);
                }
            });
            events.removeIf(held -> held == event);
            if (session.lastUpdateTime() == lastUpdate) {
                session.lastUpdateTime(previousLastUpdate);
            }
        }
    }

    /** Storage dropped the {@code count} oldest events to stay within the app's limits: so does the object. */
    void dropOldest(int count) {
        if (session == null || count <= 0) {
            return;
        }
        List<Event> events = session.events();
        synchronized (events) {
            events.subList(0, Math.min(count, events.size())).clear();
        }
    }
}
