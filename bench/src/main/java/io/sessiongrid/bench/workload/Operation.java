package io.sessiongrid.bench.workload;

import io.sessiongrid.bench.store.SessionStore;

import java.util.function.Consumer;

/**
 * One timed call. Operations with the same {@code lane} (a session) run one after another in the
 * order they were issued, as one client's calls on one session would; other lanes run in parallel.
 *
 * @param type   what is measured: create, append, get, delete
 * @param lane   ordering key
 * @param action the call against a store
 */
public record Operation(String type, String lane, Consumer<SessionStore> action) {
}
