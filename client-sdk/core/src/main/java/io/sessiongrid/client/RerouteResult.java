package io.sessiongrid.client;

/**
 * The outcome of moving every session of one worker to another.
 *
 * @param moved     how many sessions were re-pinned to the new worker
 * @param remaining how many sessions were still pinned to the old worker when the reroute finished: sessions
 *                  pinned to it while the reroute ran (created for it concurrently, say) are not caught. Not
 *                  0 means the old worker still has sessions; reroute again before taking it down.
 */
public record RerouteResult(long moved, long remaining) {

    public RerouteResult {
        if (moved < 0) {
            throw new IllegalArgumentException("moved must be >= 0 but was " + moved);
        }
        if (remaining < 0) {
            throw new IllegalArgumentException("remaining must be >= 0 but was " + remaining);
        }
    }
}
