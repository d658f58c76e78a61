package io.sessiongrid.client;

import java.util.Objects;

/**
 * The outcome of appending an event.
 *
 * @param event         the event as the server stored it (with its timestamp, if the server set one)
 * @param version       the session's version after the append; {@code null} for a partial event, which
 *                      is not stored
 * @param replayed      {@code true} if an event with this id was already stored: nothing changed and the
 *                      stored event is returned, so retrying an append is safe
 * @param droppedEvents how many of the session's oldest events the node removed to make room for this one,
 *                      because the app's events-overflow policy is {@code DROP_OLDEST}; 0 when none were
 *                      (and always from nodes that predate the policy). Callers that replay history should
 *                      know it is no longer complete.
 */
public record AppendResult(Event event, Long version, boolean replayed, int droppedEvents) {

    public AppendResult {
        Objects.requireNonNull(event, "event");
        if (droppedEvents < 0) {
            throw new IllegalArgumentException("droppedEvents must be >= 0 but was " + droppedEvents);
        }
    }
}
