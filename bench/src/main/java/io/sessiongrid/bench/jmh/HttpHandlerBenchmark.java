package io.sessiongrid.bench.jmh;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.sessiongrid.node.session.AppendResult;
import io.sessiongrid.node.session.Session;
import io.sessiongrid.node.session.SessionService;
import io.sessiongrid.node.session.model.EventWindow;
import io.sessiongrid.node.session.process.AppendEventProcessor;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP layer's overhead on the two hot paths, get and append: one real node (Micronaut server plus
 * embedded member, as a deployment runs it) in this JVM, read and written once over loopback HTTP and
 * once through its {@link SessionService} bean directly. Same JVM, same node, same sessions, so the
 * difference is what the HTTP handling adds: the client, the socket, Netty, routing and binding, the
 * hop to the blocking executor the controllers run on, and the JSON of the response.
 * <p>
 * Setup creates {@value #SESSIONS} sessions of {@value #EVENTS_PER_SESSION} events each; calls go
 * round-robin over them, gets ask for the last 10 events (all of them), appends carry a unique event id
 * each. One shared HTTP/1.1 client, so the connection is reused; the client runs in this JVM too, so its
 * CPU is part of the HTTP figures (a quarter or so of the samples in a profile).
 * <p>
 * On 2 CPUs or fewer the common ForkJoinPool has parallelism 1, and Hazelcast then completes every async
 * call ({@code submitToKey}, {@code getAsync}) on a new thread: a get (four such calls) starts four
 * threads, on both paths. That is what a node on such a machine does, so it is left in; add
 * {@code -jvmArgsAppend -Djava.util.concurrent.ForkJoinPool.common.parallelism=2} to measure without it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-DHAZELCAST_LOG_LEVEL=WARN",
        "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.management/sun.management=ALL-UNNAMED",
        "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"})
public class HttpHandlerBenchmark {

    private static final String APP = "bench";
    private static final int SESSIONS = 1000;
    private static final int EVENTS_PER_SESSION = 10;
    private static final EventWindow LAST_10 = new EventWindow(10, Double.NaN);
    /** AppendBenchmark's event, split around its id. */
    private static final String EVENT_HEAD = "{\"id\":\"";
    private static final String EVENT_TAIL = "\",\"invocationId\":\"inv-1\",\"author\":\"agent\","
            + "\"timestamp\":1732451234.5,\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"A short answer of some "
            + "eighty characters, like a typical model reply.\"}]},\"actions\":{\"stateDelta\":{\"step\":7}}}";

    private EmbeddedServer server;
    private SessionService engine;
    private HttpClient http;
    private String base;
    private final String[] users = new String[SESSIONS];
    private final String[] ids = new String[SESSIONS];
    private final URI[] getUris = new URI[SESSIONS];
    private final URI[] appendUris = new URI[SESSIONS];
    private long sequence;
    private int cursor;

    @Setup(Level.Trial)
    public void startNode() {
        server = InProcessNode.start("bench-http-");
        ApplicationContext context = server.getApplicationContext();
        engine = context.getBean(SessionService.class);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        base = "http://127.0.0.1:" + server.getPort() + "/v1/apps/" + APP;
        for (int s = 0; s < SESSIONS; s++) {
            String user = users[s] = "user-" + s;
            String id = ids[s] = "session-" + s;
            engine.create(APP, user, id, null);
            for (int e = 0; e < EVENTS_PER_SESSION; e++) {
                engine.append(APP, user, id, event("pre-" + s + "-" + e), AppendEventProcessor.ANY_VERSION);
            }
            String path = base + "/users/" + user + "/sessions/" + id;
            getUris[s] = URI.create(path + "?numRecentEvents=10");
            appendUris[s] = URI.create(path + "/events");
        }
        // Both paths answer the same: fail here, not with a misleading figure.
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(getUris[0]).GET().build());
        Session direct = engine.get(APP, "user-0", "session-0", LAST_10);
        System.out.printf("%n[HttpHandlerBenchmark] node at %s; a get answers %,d bytes of JSON with %d events%n",
                base, r.body().length, direct.events().size());
    }

    /**
     * The HTTP paths run through far more code than the engine's (Netty, Micronaut, Jackson, the JDK client):
     * on 2 cores the JIT was still busy with it 25-30 s after setup, and after 3 s a call measured 5-8x its
     * settled cost. The engine paths settle within 3 s.
     */
    @Benchmark
    @Warmup(iterations = 15, time = 2)
    public byte[] getViaHttp() {
        return send(HttpRequest.newBuilder(getUris[next()]).GET().build()).body();
    }

    @Benchmark
    public Session getViaEngine() {
        int s = next();
        return engine.get(APP, users[s], ids[s], LAST_10);
    }

    @Benchmark
    @Warmup(iterations = 15, time = 2)
    public byte[] appendViaHttp() {
        return send(HttpRequest.newBuilder(appendUris[next()]).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(event("e-" + sequence++))).build()).body();
    }

    @Benchmark
    public AppendResult appendViaEngine() {
        int s = next();
        return engine.append(APP, users[s], ids[s], event("e-" + sequence++), AppendEventProcessor.ANY_VERSION);
    }

    @TearDown(Level.Trial)
    public void stopNode() {
        // The JDK client has no close() before Java 21; its selector thread ends with the fork.
        server.getApplicationContext().close();
    }

    private int next() {
        cursor = (cursor + 1) % SESSIONS;
        return cursor;
    }

    private static byte[] event(String id) {
        return (EVENT_HEAD + id + EVENT_TAIL).getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
