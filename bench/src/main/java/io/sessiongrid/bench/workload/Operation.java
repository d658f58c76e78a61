package io.sessiongrid.bench.workload;

import io.sessiongrid.bench.store.SessionStore;

import java.util.function.Consumer;

/**
 * One timed call. Operations with the same {@code lane} (a session) run one after another in the
 * order they were issued, as one client's calls on one session would; other lanes run in parallel.
 *
 * @param type      what is measured: create, append, get, delete
 * @param lane      ordering key
 * @param action    the call against a store
 * @param startsLane whether the lane's later operations depend on this one and on nothing before it
 *                  (a conversation's create): once an operation of a lane is dropped, the lane's
 *                  operations are skipped up to the next one that starts it afresh
 */
public record Operation(String type, String lane, Consumer<SessionStore> action, boolean startsLane) {

    /** An operation that depends on nothing dropped before it in its lane. */
    public Operation(String type, String lane, Consumer<SessionStore> action) {
        this(type, lane, action, true);
    }
}
