package io.sessiongrid.bench.jmh;

import io.micronaut.runtime.server.EmbeddedServer;
import io.sessiongrid.client.GetSessionOptions;
import io.sessiongrid.client.Session;
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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the door costs: the same get of a session through the SDK from a node without access control,
 * one with tokens (bearer token, hash, rule), and one that also counts every request against a rate
 * limit too high to refuse (token and app buckets). Three nodes in one fork, so the ratios compare
 * like with like.
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
public class AccessControlBenchmark {

    private static final String APP = "bench-access";
    private static final String TOKEN = "bench-token-5a1f0c9e7d";
    private static final int SESSIONS = 1000;
    private static final GetSessionOptions NO_EVENTS = GetSessionOptions.recentEvents(0);

    private final Node open = new Node();
    private final Node secured = new Node();
    private final Node limited = new Node();
    private int cursor;

    @Setup(Level.Trial)
    public void startNodes() throws NoSuchAlgorithmException {
        open.start("bench-open-", Map.of(), null);
        Map<String, Object> tokens = tokens();
        secured.start("bench-secured-", tokens, TOKEN);
        Map<String, Object> rated = new HashMap<>(tokens);
        rated.put("sessiongrid.rate-limits.app.requests-per-second", 1_000_000_000);
        rated.put("sessiongrid.rate-limits.token.requests-per-second", 1_000_000_000);
        limited.start("bench-limited-", rated, TOKEN);
    }

    @Benchmark
    public Session getOpen() {
        return open.client.getSession(APP, "u", "s-" + next(), NO_EVENTS);
    }

    @Benchmark
    public Session getWithToken() {
        return secured.client.getSession(APP, "u", "s-" + next(), NO_EVENTS);
    }

    @Benchmark
    public Session getWithTokenAndRateLimits() {
        return limited.client.getSession(APP, "u", "s-" + next(), NO_EVENTS);
    }

    @TearDown(Level.Trial)
    public void stopNodes() {
        for (Node node : List.of(open, secured, limited)) {
            node.client.close();
            node.server.getApplicationContext().close();
        }
    }

    private int next() {
        cursor = (cursor + 1) % SESSIONS;
        return cursor;
    }

    private static Map<String, Object> tokens() throws NoSuchAlgorithmException {
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> props = new HashMap<>();
        props.put("sessiongrid.security.enabled", true);
        // Three tokens, as a real grid has several: every request compares against all of them.
        for (String name : List.of("agent", "web", "ops")) {
            props.put("sessiongrid.security.tokens." + name + ".sha256", name.equals("ops") ? sha256
                    : HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8))));
            props.put("sessiongrid.security.tokens." + name + ".apps", List.of(name.equals("ops") ? APP : name));
            props.put("sessiongrid.security.tokens." + name + ".scopes", List.of("read", "write"));
        }
        return props;
    }

    private static final class Node {
        EmbeddedServer server;
        SessionGridClient client;

        void start(String prefix, Map<String, Object> props, String token) {
            server = InProcessNode.start(prefix, props);
            SessionGridClient.Builder builder = SessionGridClient.builder().endpoints("http://127.0.0.1:" + server.getPort());
            if (token != null) {
                builder.token(token);
            }
            client = builder.build();
            for (int s = 0; s < SESSIONS; s++) {
                client.createSession(APP, "u", "s-" + s, Map.of("attribute", "x".repeat(100)));
            }
        }
    }
}
