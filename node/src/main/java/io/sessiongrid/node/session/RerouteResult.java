package io.sessiongrid.node.session;

/**
 * What a reroute did.
 *
 * @param moved     routes moved from the old worker to the new one
 * @param remaining routes still on the old worker when it finished (pinned there meanwhile, after every retry)
 */
public record RerouteResult(long moved, long remaining) {
}
