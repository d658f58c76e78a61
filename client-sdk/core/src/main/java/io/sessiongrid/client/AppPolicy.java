package io.sessiongrid.client;

import java.time.Duration;

/**
 * The limits and storage settings a node applies to one app's sessions. In every limit, 0 means
 * unlimited (and {@link Duration#ZERO} means no timeout).
 *
 * <p>The enum-like settings ({@code eviction}, {@code eventsOverflow}, {@code onUserLimit},
 * {@code durability}) are plain
 * strings on purpose: a newer node may add a value this client has never heard of, and reading the policy
 * must not fail because of it. Compare them with {@code equals}, and treat an unknown value as unknown.
 *
 * @param app                  the app's name
 * @param configured           {@code true} if the node has a policy configured for this app; {@code false}
 *                             if it applies its defaults
 * @param ttl                  absolute lifetime of a session, unless its create asked for another
 * @param maxIdle              how long a session may go without access before it expires, unless its create
 *                             asked for another
 * @param maxSessionsPerMember how many sessions each cluster member keeps before it evicts some
 * @param eviction             which sessions a full member evicts, such as {@code LRU}
 * @param backupCount          synchronous backup copies of each session
 * @param asyncBackupCount     asynchronous backup copies of each session
 * @param maxSessionBytes      largest stored size of one session, in bytes
 * @param maxEventBytes        largest size of one event, in bytes
 * @param maxEvents            most events one session keeps
 * @param eventsOverflow       what an append beyond {@code maxEvents} does: {@code REJECT} refuses it,
 *                             {@code DROP_OLDEST} removes the oldest events (see
 *                             {@link AppendResult#droppedEvents()})
 * @param maxSessionsPerUser   most sessions one user may have in this app
 * @param onUserLimit          what a create beyond {@code maxSessionsPerUser} does, such as {@code REJECT}
 *                             (a {@link PolicyViolationException})
 * @param durability           whether the app's sessions survive a full-cluster restart: {@code NONE},
 *                             {@code WRITE_BEHIND} (stored within {@code writeDelay}) or {@code WRITE_THROUGH}
 *                             (stored before a write is acknowledged)
 * @param writeDelay           longest time a {@code WRITE_BEHIND} change waits before it is stored
 * @param eagerLoadWindow      after a full restart, sessions used within this window are loaded before the
 *                             grid is ready; older ones load on first access
 */
public record AppPolicy(String app, boolean configured, Duration ttl, Duration maxIdle, int maxSessionsPerMember,
                        String eviction, int backupCount, int asyncBackupCount, long maxSessionBytes,
                        long maxEventBytes, int maxEvents, String eventsOverflow, int maxSessionsPerUser,
                        String onUserLimit, String durability, Duration writeDelay, Duration eagerLoadWindow) {

    public AppPolicy {
        ttl = ttl == null ? Duration.ZERO : ttl;
        maxIdle = maxIdle == null ? Duration.ZERO : maxIdle;
        writeDelay = writeDelay == null ? Duration.ZERO : writeDelay;
        eagerLoadWindow = eagerLoadWindow == null ? Duration.ZERO : eagerLoadWindow;
    }
}
