package io.sessiongrid.node.session.event;

/**
 * An event ready to store: its normalized JSON (id and timestamp filled in, {@code temp:} keys gone)
 * and its state delta split by layer.
 */
public record IncomingEvent(String id, double timestamp, boolean partial, byte[] json, StateDelta delta) {
}
