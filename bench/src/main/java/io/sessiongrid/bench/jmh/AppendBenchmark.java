package io.sessiongrid.bench.jmh;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.model.StoredEvent;
import io.sessiongrid.node.session.process.AppendEventProcessor;
import io.sessiongrid.node.session.process.SessionLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Append latency against the number of events a session already holds, on a real two-member cluster
 * in this JVM (so every append also ships its backup to the other member).
 * <p>
 * Each one-second iteration starts from fresh sessions that hold exactly {@code storedEvents} events
 * and appends round-robin over them; there are enough sessions that each grows by under 2 % while it
 * is measured. {@code appendWithEntryProcessor} is Session Grid's path; {@code appendWithGetAndSet}
 * is the naive baseline that reads the whole session and writes it back, run in the same process for
 * the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g", "-Dhazelcast.logging.type=none"})
public class AppendBenchmark {

    private static final String APP = "bench";
    private static final AppPolicies POLICIES = AppPolicies.of(AppPolicy.BUILT_IN);
    /** The default policy's size limit is on, as in production: its check is part of the hot path. */
    private static final SessionLimits LIMITS = new SessionLimits(AppPolicy.BUILT_IN.maxSessionBytes(), 0, false);

    @Param({"10", "1000", "10000"})
    int storedEvents;

    private BenchCluster cluster;
    private HazelcastInstance first;
    private IMap<SessionKey, SessionRecord> sessions;
    private final List<SessionKey> keys = new ArrayList<>();
    private byte[] eventJson;
    private Map<String, byte[]> delta;
    private long sequence;
    private int iteration;
    private int cursor;

    @Setup(Level.Trial)
    public void startCluster() {
        cluster = new BenchCluster(POLICIES);
        first = cluster.first();
        sessions = first.getMap("sessions." + APP);
        eventJson = ("{\"id\":\"%s\",\"invocationId\":\"inv-1\",\"author\":\"agent\",\"timestamp\":1732451234.5,"
                + "\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"A short answer of some eighty characters, "
                + "like a typical model reply.\"}]},\"actions\":{\"stateDelta\":{\"step\":7}}}")
                .getBytes(StandardCharsets.UTF_8);
        delta = Map.of("step", "7".getBytes(StandardCharsets.UTF_8));
    }

    /** Fresh sessions of exactly {@code storedEvents} events; built once, written as whole records. */
    @Setup(Level.Iteration)
    public void freshSessions() {
        sessions.clear();
        keys.clear();
        List<StoredEvent> events = new ArrayList<>(storedEvents);
        for (int i = 0; i < storedEvents; i++) {
            events.add(new StoredEvent("pre-" + i, 1732451234.0 + i, i + 1, 1732451234.0 + i, eventJson));
        }
        SessionRecord template = new SessionRecord(1732451234.0, 1732451234.0 + storedEvents, storedEvents,
                new HashMap<>(delta), events, new SessionRecord.Lifecycle(0, 0, 1732451234.0, 0));
        iteration++;
        // ~5,000 appends a second: enough sessions that each grows by well under 2 % per iteration.
        int sessionCount = storedEvents <= 10 ? 1000 : storedEvents <= 1000 ? 300 : 100;
        Map<SessionKey, SessionRecord> batch = new HashMap<>();
        for (int s = 0; s < sessionCount; s++) {
            SessionKey key = new SessionKey(APP, "user-" + s, "session-" + iteration + "-" + s);
            keys.add(key);
            batch.put(key, template);
        }
        sessions.putAll(batch);
    }

    @Benchmark
    public long appendWithEntryProcessor() {
        StoredEvent event = StoredEvent.incoming("e-" + sequence++, 1732451300.0, eventJson);
        return sessions.executeOnKey(nextKey(),
                new AppendEventProcessor(event, delta, AppendEventProcessor.ANY_VERSION, LIMITS)).version();
    }

    @Benchmark
    public long appendWithGetAndSet() {
        SessionKey key = nextKey();
        SessionRecord record = sessions.get(key);
        record.append(new StoredEvent("e-" + sequence++, 1732451300.0, record.version() + 1, 1732451300.0, eventJson), delta, 0);
        sessions.set(key, record);
        return record.version();
    }

    private SessionKey nextKey() {
        cursor = (cursor + 1) % keys.size();
        return keys.get(cursor);
    }

    @TearDown(Level.Trial)
    public void stopCluster() {
        cluster.close();
    }
}
