package io.sessiongrid.client;

/**
 * Where a proxy should send a session's requests: the worker the session is pinned to. Addressed by session
 * id alone, because that is all a proxy sees in a request; the user is returned so the proxy can call on.
 *
 * @param sessionId  the session's id
 * @param userId     the user the session belongs to
 * @param workerId   the worker the session is pinned to; {@code null} after
 *                   {@link SessionGridClient#setWorker unpinning}
 * @param lastAccess seconds since the epoch of the session's last access; 0 where the node does not report
 *                   it (the answers of {@code setWorker} and of worker listings)
 */
public record Route(String sessionId, String userId, String workerId, double lastAccess) {
}
