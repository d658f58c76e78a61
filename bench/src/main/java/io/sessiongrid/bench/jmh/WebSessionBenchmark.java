package io.sessiongrid.bench.jmh;

import io.micronaut.runtime.server.EmbeddedServer;
import io.sessiongrid.client.AppendResult;
import io.sessiongrid.client.CreateSessionOptions;
import io.sessiongrid.client.Event;
import io.sessiongrid.client.GetSessionOptions;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.client.SessionsById;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What web sessions cost against the user-keyed calls, on one in-process node through the SDK: a get by
 * id alone (the id index read first) against a get by user and id, and a state patch (no event) against
 * an append carrying the same state change. Each session holds ten attributes of ~100 bytes, like a
 * web session; gets read no events.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-DHAZELCAST_LOG_LEVEL=WARN",
        "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.management/sun.management=ALL-UNNAMED",
        "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"})
public class WebSessionBenchmark {

    private static final String APP = "bench-web";
    private static final int SESSIONS = 1000;
    private static final String VALUE = "x".repeat(100);

    private EmbeddedServer server;
    private SessionGridClient client;
    private SessionsById web;
    private final String[] ids = new String[SESSIONS];
    private final String[] users = new String[SESSIONS];
    private final GetSessionOptions noEvents = GetSessionOptions.recentEvents(0);
    private long sequence;
    private int cursor;

    @Setup(Level.Trial)
    public void startNode() {
        server = InProcessNode.start("bench-web-");
        client = SessionGridClient.builder().endpoints("http://127.0.0.1:" + server.getPort()).build();
        web = client.sessionsById(APP);
        Map<String, Object> attributes = new java.util.LinkedHashMap<>();
        for (int a = 0; a < 10; a++) {
            attributes.put("attribute-" + a, VALUE);
        }
        for (int s = 0; s < SESSIONS; s++) {
            Session created = web.create(null, CreateSessionOptions.builder().state(attributes).build());
            ids[s] = created.id();
            users[s] = created.userId();
        }
    }

    @Benchmark
    public Session getById() {
        return web.get(ids[next()], noEvents);
    }

    @Benchmark
    public Session getByUser() {
        int s = next();
        return client.getSession(APP, users[s], ids[s], noEvents);
    }

    @Benchmark
    public long patchState() {
        return web.patchState(ids[next()], Map.of("attribute-3", "v" + sequence++));
    }

    @Benchmark
    public AppendResult appendEvent() {
        int s = next();
        return client.appendEvent(APP, users[s], ids[s], Event.builder().id("e-" + sequence++).author("web")
                .stateDelta("attribute-3", "v" + sequence).build());
    }

    @TearDown(Level.Trial)
    public void stopNode() {
        client.close();
        server.getApplicationContext().close();
    }

    private int next() {
        cursor = (cursor + 1) % SESSIONS;
        return cursor;
    }
}
