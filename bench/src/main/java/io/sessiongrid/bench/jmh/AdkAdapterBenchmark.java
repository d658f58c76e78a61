package io.sessiongrid.bench.jmh;

import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.GetSessionConfig;
import com.google.adk.sessions.Session;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import io.micronaut.runtime.server.EmbeddedServer;
import io.sessiongrid.adk.SessionGridSessionService;
import io.sessiongrid.client.AppendResult;
import io.sessiongrid.client.GetSessionOptions;
import io.sessiongrid.client.SessionGridClient;
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

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What the ADK adapter adds to the SDK on the two hot paths: one real node in this JVM, read and written
 * once through {@link SessionGridSessionService} (ADK events and sessions, RxJava, the conversion to and
 * from the SDK's records) and once through the SDK's own calls with the same event. Same JVM, node,
 * client and HTTP connection, so the difference is the adapter's work.
 * <p>
 * Setup creates {@value #SESSIONS} sessions per path with {@value #EVENTS_PER_SESSION} events each; gets
 * ask for the last 10 events (all of them), appends carry a unique event id each, round-robin over the
 * sessions. The adapter appends with its version check on, from one loaded Session object per session.
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
public class AdkAdapterBenchmark {

    private static final String APP = "bench-adk";
    private static final int SESSIONS = 200;
    private static final int EVENTS_PER_SESSION = 10;
    private static final String REPLY = "A short answer of some eighty characters, like a typical model reply.";
    private static final long TIMESTAMP_MILLIS = 1_732_451_234_500L;

    private EmbeddedServer server;
    private SessionGridClient client;
    private SessionGridSessionService adapter;
    private final Session[] adkSessions = new Session[SESSIONS];
    private final String[] adkUsers = new String[SESSIONS];
    private final String[] sdkUsers = new String[SESSIONS];
    private final GetSessionConfig last10 = GetSessionConfig.builder().numRecentEvents(10).build();
    private long sequence;
    private int cursor;

    @Setup(Level.Trial)
    public void startNode() {
        server = InProcessNode.start("bench-adk-");
        client = SessionGridClient.builder().endpoints("http://127.0.0.1:" + server.getPort()).build();
        adapter = new SessionGridSessionService(client);
        for (int s = 0; s < SESSIONS; s++) {
            adkUsers[s] = "adk-user-" + s;
            sdkUsers[s] = "sdk-user-" + s;
            adkSessions[s] = adapter.createSession(APP, adkUsers[s], Map.of(), "s").blockingGet();
            client.createSession(APP, sdkUsers[s], "s", Map.of());
            for (int e = 0; e < EVENTS_PER_SESSION; e++) {
                adapter.appendEvent(adkSessions[s], adkEvent("pre-" + s + "-" + e)).blockingGet();
                client.appendEvent(APP, sdkUsers[s], "s", sdkEvent("pre-" + s + "-" + e));
            }
        }
        // Both paths answer the same: fail here, not with a misleading figure.
        List<Event> viaAdapter = adapter.getSession(APP, adkUsers[0], "s", Optional.of(last10)).blockingGet().events();
        List<io.sessiongrid.client.Event> viaSdk = client.getSession(APP, sdkUsers[0], "s", GetSessionOptions.recentEvents(10)).events();
        if (viaAdapter.size() != EVENTS_PER_SESSION || viaSdk.size() != EVENTS_PER_SESSION
                || !viaAdapter.get(0).stringifyContent().contains(REPLY)) {
            throw new IllegalStateException("the two paths read different sessions: " + viaAdapter + " / " + viaSdk);
        }
    }

    @Benchmark
    public Session getViaAdapter() {
        return adapter.getSession(APP, adkUsers[next()], "s", Optional.of(last10)).blockingGet();
    }

    @Benchmark
    public io.sessiongrid.client.Session getViaSdk() {
        return client.getSessionAsync(APP, sdkUsers[next()], "s", GetSessionOptions.recentEvents(10)).join();
    }

    @Benchmark
    public Event appendViaAdapter() {
        return adapter.appendEvent(adkSessions[next()], adkEvent("e-" + sequence++)).blockingGet();
    }

    @Benchmark
    public AppendResult appendViaSdk() {
        return client.appendEventAsync(APP, sdkUsers[next()], "s", sdkEvent("e-" + sequence++), null).join();
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

    private static Event adkEvent(String id) {
        return Event.builder().id(id).invocationId("inv-1").author("agent").timestamp(TIMESTAMP_MILLIS)
                .content(Content.builder().role("model").parts(List.of(Part.fromText(REPLY))).build())
                .actions(EventActions.builder().stateDelta(new ConcurrentHashMap<>(Map.of("step", 7))).build())
                .build();
    }

    private static io.sessiongrid.client.Event sdkEvent(String id) {
        return io.sessiongrid.client.Event.builder().id(id).invocationId("inv-1").author("agent")
                .timestamp(TIMESTAMP_MILLIS / 1000.0)
                .content(Map.of("role", "model", "parts", List.of(Map.of("text", REPLY))))
                .stateDelta("step", 7).build();
    }
}
