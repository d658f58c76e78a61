package io.sessiongrid.node.session.process;

/**
 * The part of an app's policy an append enforces where the session lives.
 *
 * @param maxSessionBytes largest session, 0 = none
 * @param maxEvents       longest log, 0 = none
 * @param dropOldest      trim the oldest events to fit instead of refusing
 */
public record SessionLimits(long maxSessionBytes, int maxEvents, boolean dropOldest) {

    public static final SessionLimits NONE = new SessionLimits(0, 0, false);
}
