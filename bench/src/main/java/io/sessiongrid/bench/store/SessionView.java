package io.sessiongrid.bench.store;

/**
 * What a read returned, kept small: the workload checks it so a store that silently returns nothing
 * cannot look fast.
 *
 * @param found       whether the session exists
 * @param events      events returned
 * @param stateKeys   keys of the merged state (session, {@code user:} and {@code app:} layers)
 */
public record SessionView(boolean found, int events, int stateKeys) {

    public static final SessionView ABSENT = new SessionView(false, 0, 0);
}
