package io.sessiongrid.bench.workload;

import io.sessiongrid.bench.store.SessionStore;

import java.util.List;

/** A stream of operations over sessions, the same for every store. */
public interface Workload {

    String name();

    /** The operation types it reports, in report order. */
    List<String> operationTypes();

    /** Puts in place what the measured phase starts from (live sessions, long logs); not measured. */
    void prepare(SessionStore store, int parallelism);

    /** The next operation; called from one thread. */
    Operation next();
}
