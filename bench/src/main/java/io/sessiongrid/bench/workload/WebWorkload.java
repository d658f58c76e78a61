package io.sessiongrid.bench.workload;

import io.sessiongrid.bench.store.SessionRef;
import io.sessiongrid.bench.store.SessionStore;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Web sessions: a fixed number of live sessions of about 2 KB of state with a 30-minute idle
 * timeout; 90 % of operations read one and restart its idle timer, 5 % delete one (log out) and 5 %
 * create its replacement (log in), so the live count stays put.
 */
public final class WebWorkload implements Workload {

    static final int STATE_BYTES = 2048;
    static final Duration MAX_IDLE = Duration.ofMinutes(30);

    private final String app;
    private final int[] generation;
    private final Map<String, String> state = EventFactory.state(STATE_BYTES);
    private final SplittableRandom random = new SplittableRandom(42);
    private int pendingCreate = -1;

    public WebWorkload(String runId, int liveSessions) {
        this.app = "web-" + runId;
        this.generation = new int[liveSessions];
    }

    @Override
    public String name() {
        return "web";
    }

    @Override
    public List<String> operationTypes() {
        return List.of("get", "create", "delete");
    }

    @Override
    public void prepare(SessionStore store, int parallelism) {
        Preparation.run("web sessions", generation.length, parallelism,
                slot -> store.create(ref(slot, 0), state, Duration.ZERO, MAX_IDLE));
    }

    @Override
    public Operation next() {
        if (pendingCreate >= 0) {
            int slot = pendingCreate;
            pendingCreate = -1;
            SessionRef ref = ref(slot, generation[slot]);
            return new Operation("create", lane(slot), store -> store.create(ref, state, Duration.ZERO, MAX_IDLE));
        }
        int slot = random.nextInt(generation.length);
        if (random.nextInt(100) < 90) {
            SessionRef ref = ref(slot, generation[slot]);
            return new Operation("get", lane(slot), store -> {
                if (!store.get(ref, 0, true).found()) {
                    throw new IllegalStateException("live session " + ref + " not found");
                }
            });
        }
        SessionRef gone = ref(slot, generation[slot]);
        generation[slot]++;
        pendingCreate = slot;
        return new Operation("delete", lane(slot), store -> store.delete(gone));
    }

    private SessionRef ref(int slot, int gen) {
        return new SessionRef(app, "user-" + slot, "w" + slot + "-" + gen);
    }

    private static String lane(int slot) {
        return "slot-" + slot;
    }
}
