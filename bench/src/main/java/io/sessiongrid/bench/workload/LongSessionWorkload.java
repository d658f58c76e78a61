package io.sessiongrid.bench.workload;

import io.sessiongrid.bench.store.SessionRef;
import io.sessiongrid.bench.store.SessionStore;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Appends to sessions that already hold a long event log (10,000 events by default): what an append
 * costs once a conversation is long. Compare its append latency with the agent workload's, whose
 * sessions hold at most 20 events.
 */
public final class LongSessionWorkload implements Workload {

    private final String app;
    private final int initialEvents;
    private final long[] appended;
    private int cursor;

    public LongSessionWorkload(String runId, int sessions, int initialEvents) {
        this.app = "long-" + runId;
        this.initialEvents = initialEvents;
        this.appended = new long[sessions];
    }

    @Override
    public String name() {
        return "long-session";
    }

    @Override
    public List<String> operationTypes() {
        return List.of("append");
    }

    @Override
    public void prepare(SessionStore store, int parallelism) {
        Preparation.run("sessions", appended.length, Math.min(parallelism, appended.length),
                s -> store.create(ref(s), Map.of("step", "0"), Duration.ZERO, Duration.ZERO));
        // Each session's events go in order; sessions fill in parallel.
        Preparation.run("logs of " + initialEvents + " events", appended.length, Math.min(parallelism, appended.length),
                s -> {
                    for (long n = 1; n <= initialEvents; n++) {
                        store.append(ref(s), EventFactory.event("p" + n, n));
                    }
                });
        for (int s = 0; s < appended.length; s++) {
            appended[s] = initialEvents;
        }
    }

    @Override
    public Operation next() {
        int s = cursor;
        cursor = (cursor + 1) % appended.length;
        long n = ++appended[s];
        SessionRef ref = ref(s);
        return new Operation("append", "long-" + s, store -> store.append(ref, EventFactory.event("m" + n, n)));
    }

    private SessionRef ref(int s) {
        return new SessionRef(app, "user-" + s, "long-" + s);
    }
}
