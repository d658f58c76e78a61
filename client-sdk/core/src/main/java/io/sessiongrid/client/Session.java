package io.sessiongrid.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessiongrid.client.internal.JsonMaps;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A session as the server returned it.
 *
 * <p>The lifetime, size, worker and last-access components came with newer nodes; an older node does not
 * send them, so they read as {@link Duration#ZERO}, 0 and {@code null} there. Zero therefore means "none or
 * not reported", never "expired".
 *
 * @param id             session id
 * @param appName        app the session belongs to
 * @param userId         user the session belongs to
 * @param state          merged state: session keys, plus {@code app:<key>} and {@code user:<key>} keys
 * @param events         the session's events, oldest first (empty in listings)
 * @param createTime     seconds since the epoch
 * @param lastUpdateTime seconds since the epoch
 * @param version        the session's version, for optimistic concurrency on append
 * @param ttl            the effective absolute lifetime, counted from {@code createTime} (the one asked for
 *                       at create, else the app's policy); {@link Duration#ZERO} when there is none
 * @param maxIdle        how long the session may go without access before it expires; each access,
 *                       including {@link SessionGridClient#touchSession touchSession}, starts it anew;
 *                       {@link Duration#ZERO} when there is none
 * @param sizeBytes      the session's stored size as the node counts it against the app's
 *                       {@code maxSessionBytes}; 0 when not reported
 * @param workerId       the worker the session is pinned to, for proxies that route by session id (see
 *                       {@link SessionGridClient#setWorker setWorker}); {@code null} when it is pinned to
 *                       none or the node does not report it
 * @param lastAccessTime seconds since the epoch of the last access (a get, append or touch; unlike
 *                       {@code lastUpdateTime}, a read moves it), which is what
 *                       {@link SessionGridClient#sweepIdleSessions sweepIdleSessions} measures idleness by;
 *                       0 when not reported
 */
public record Session(String id, String appName, String userId, Map<String, JsonNode> state,
                      List<Event> events, double createTime, double lastUpdateTime, long version,
                      Duration ttl, Duration maxIdle, long sizeBytes, String workerId, double lastAccessTime) {

    public Session {
        state = JsonMaps.copyOf(state);
        events = events == null ? List.of() : List.copyOf(events);
        ttl = ttl == null ? Duration.ZERO : ttl;
        maxIdle = maxIdle == null ? Duration.ZERO : maxIdle;
    }
}
