package io.sessiongrid.node.session;

/**
 * What an append returns.
 *
 * @param event    the stored event's JSON (for a partial event: the normalized event, not stored)
 * @param version  the session's version after the call, or -1 for a partial event
 * @param replayed true when the event id was already stored and nothing changed
 * @param droppedEvents oldest events dropped to make room (events-overflow DROP_OLDEST), else 0
 */
public record AppendResult(byte[] event, long version, boolean replayed, int droppedEvents) {

    public boolean stored() {
        return version >= 0;
    }
}
