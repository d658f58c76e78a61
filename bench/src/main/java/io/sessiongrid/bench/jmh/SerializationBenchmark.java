package io.sessiongrid.bench.jmh;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.model.StoredEvent;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What (de)serializing a whole session costs against the number of events it holds, with the node's
 * own Compact serializers ({@code GridSerialization}) through the serialization service of a real
 * member of a {@link BenchCluster}.
 * <p>
 * This is the per-call cost the append entry processor avoids: the grid keeps sessions as live
 * objects and ships only the event to the primary and its backup, so a whole session is serialized
 * only when its partition migrates or a backup is replicated in full. A get-and-set store pays it
 * twice per append (the whole session out on the read, back in on the write), so its append grows
 * with the log where the entry processor's does not; {@link AppendBenchmark} measures both.
 * {@code toData} is record → bytes (a get's answer, a set's request, a migration); {@code toObject}
 * is bytes → record (the other side of each), which also rebuilds the record's id index.
 * The serialized size is printed once per trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// AlwaysPreTouch: a 10,000-event session allocates megabytes per call; without it the first pass through
// a fresh heap page-faults on every page and a toObject measured ten times slower than it is.
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "-Dhazelcast.logging.type=none",
        "-DHAZELCAST_LOG_LEVEL=WARN"})
public class SerializationBenchmark {

    private static final AppPolicies POLICIES = AppPolicies.of(AppPolicy.BUILT_IN);

    @Param({"10", "1000", "10000"})
    int storedEvents;

    private BenchCluster cluster;
    private SerializationService serialization;
    private SessionRecord record;
    private Data data;

    @Setup(Level.Trial)
    public void setUp() {
        cluster = new BenchCluster(POLICIES);
        serialization = ((SerializationServiceSupport) cluster.first()).getSerializationService();
        byte[] eventJson = ("{\"id\":\"%s\",\"invocationId\":\"inv-1\",\"author\":\"agent\",\"timestamp\":1732451234.5,"
                + "\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"A short answer of some eighty characters, "
                + "like a typical model reply.\"}]},\"actions\":{\"stateDelta\":{\"step\":7}}}")
                .getBytes(StandardCharsets.UTF_8);
        List<StoredEvent> events = new ArrayList<>(storedEvents);
        for (int i = 0; i < storedEvents; i++) {
            events.add(new StoredEvent("pre-" + i, 1732451234.0 + i, i + 1, 1732451234.0 + i, eventJson));
        }
        record = new SessionRecord(1732451234.0, 1732451234.0 + storedEvents, storedEvents,
                Map.of("step", "7".getBytes(StandardCharsets.UTF_8)), events,
                new SessionRecord.Lifecycle(0, 0, 1732451234.0, 0));
        // The first call also registers the schema with the cluster: done here, not measured.
        data = serialization.toData(record);
        SessionRecord back = serialization.toObject(data);
        if (back.version() != record.version() || back.sizeBytes() != record.sizeBytes()) {
            throw new IllegalStateException("round trip changed the record");
        }
        System.out.printf("%n[SerializationBenchmark] storedEvents=%d: serialized %,d bytes (%,d of them events'"
                        + " JSON and state; %.1f bytes per event in all)%n",
                storedEvents, data.totalSize(), record.sizeBytes(),
                storedEvents == 0 ? 0.0 : (double) data.totalSize() / storedEvents);
    }

    @Benchmark
    public Data toData() {
        return serialization.toData(record);
    }

    @Benchmark
    public SessionRecord toObject() {
        return serialization.toObject(data);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cluster.close();
    }
}
