package io.sessiongrid.bench.workload;

import io.sessiongrid.bench.store.SessionRef;
import io.sessiongrid.bench.store.SessionStore;
import io.sessiongrid.bench.store.SessionView;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Agent conversations: create a session, append 20 events (each with a session delta, some with
 * {@code user:} and {@code app:} deltas), then read it with the 10 most recent events. Many
 * conversations run at once, each on its own lane; 100 users share them, so user state is contended.
 */
public final class AgentWorkload implements Workload {

    static final int EVENTS = 20;
    static final int RECENT = 10;
    private static final int USERS = 100;

    private final String app;
    private final int[] step;
    private final int[] generation;
    private int cursor;

    /** {@code conversations}: how many run at once (lanes). */
    public AgentWorkload(String runId, int conversations) {
        this.app = "agent-" + runId;
        this.step = new int[conversations];
        this.generation = new int[conversations];
    }

    @Override
    public String name() {
        return "agent";
    }

    @Override
    public List<String> operationTypes() {
        return List.of("create", "append", "get");
    }

    @Override
    public void prepare(SessionStore store, int parallelism) {
        // Starts empty: conversations create their sessions.
    }

    @Override
    public Operation next() {
        int lane = cursor;
        cursor = (cursor + 1) % step.length;
        int s = step[lane];
        SessionRef ref = new SessionRef(app, "user-" + (lane % USERS), "c" + lane + "-" + generation[lane]);
        String laneKey = "lane-" + lane;
        if (s == EVENTS + 1) {
            step[lane] = 0;
            generation[lane]++;
            return new Operation("get", laneKey, store -> expect(store.get(ref, RECENT, false), ref), false);
        }
        step[lane] = s + 1;
        if (s == 0) {
            return new Operation("create", laneKey, store -> store.create(ref, Map.of("step", "0"), Duration.ZERO, Duration.ZERO));
        }
        String eventId = ref.id() + "-e" + s;
        return new Operation("append", laneKey, store -> store.append(ref, EventFactory.event(eventId, s)), false);
    }

    private static void expect(SessionView view, SessionRef ref) {
        if (!view.found() || view.events() != RECENT) {
            throw new IllegalStateException("read of " + ref + " returned " + view + ", expected " + RECENT + " events");
        }
    }
}
