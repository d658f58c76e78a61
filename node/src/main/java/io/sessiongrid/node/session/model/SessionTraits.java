package io.sessiongrid.node.session.model;

/**
 * What a session carries besides its content.
 *
 * @param ttlSeconds     its own absolute lifetime, 0 = the app's
 * @param maxIdleSeconds its own idle timeout, 0 = the app's
 * @param sizeBytes      its events' JSON plus its own state, as the size limits count it
 * @param lastAccessTime server time of its last get, append or touch (epoch seconds)
 */
public record SessionTraits(int ttlSeconds, int maxIdleSeconds, long sizeBytes, double lastAccessTime) {
}
