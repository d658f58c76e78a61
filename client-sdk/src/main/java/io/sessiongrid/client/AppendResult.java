package io.sessiongrid.client;

import java.util.Objects;

/**
 * The outcome of appending an event.
 *
 * @param event    the event as the server stored it (with its timestamp, if the server set one)
 * @param version  the session's version after the append; {@code null} for a partial event, which is
 *                 not stored
 * @param replayed {@code true} if an event with this id was already stored: nothing changed and the
 *                 stored event is returned, so retrying an append is safe
 */
public record AppendResult(Event event, Long version, boolean replayed) {

    public AppendResult {
        Objects.requireNonNull(event, "event");
    }
}
