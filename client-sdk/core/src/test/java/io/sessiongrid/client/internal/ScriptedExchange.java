package io.sessiongrid.client.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers attempts from a script, in order, whichever endpoint they go to, and records each attempt.
 * A scripted timeout takes the attempt's whole timeout on the {@link FakeClock}, as a real one would.
 */
public final class ScriptedExchange implements Exchange {

    public static final Endpoint A = Endpoint.of(URI.create("http://a:8080"));
    public static final Endpoint B = Endpoint.of(URI.create("http://b:8080"));
    public static final Endpoint C = Endpoint.of(URI.create("http://c:8080"));

    public static final String UNAVAILABLE_JSON = "{\"type\":\"https://sessiongrid.io/problems/unavailable\","
            + "\"title\":\"Service unavailable\",\"status\":503,"
            + "\"detail\":\"This node is shutting down; use another node\"}";

    /** One attempt as the exchange saw it. */
    public record Attempt(Endpoint endpoint, ApiRequest request, Duration timeout) {

        /** Endpoint, method and target, such as {@code http://a:8080 GET /v1/apps/a/state}. */
        @Override
        public String toString() {
            return endpoint + " " + request;
        }
    }

    private interface Step {
        ApiResponse run(Duration timeout) throws IOException, InterruptedException;
    }

    private final FakeClock clock;
    private final Deque<Step> script = new ArrayDeque<>();
    private final List<Attempt> attempts = new ArrayList<>();
    private int closes;

    public ScriptedExchange(FakeClock clock) {
        this.clock = clock;
    }

    public ScriptedExchange answer(int status, String body) {
        return answer(status, Map.of(), body);
    }

    public ScriptedExchange answer(int status, Map<String, String> headers, String body) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        ApiResponse response = new ApiResponse(status, HttpHeaders.of(multi, (n, v) -> true),
                body.getBytes(StandardCharsets.UTF_8));
        script.add(timeout -> response);
        return this;
    }

    /** A 503 {@code unavailable}, as a node that is shutting down answers. */
    public ScriptedExchange unavailable() {
        return answer(503, Map.of("Content-Type", "application/problem+json"), UNAVAILABLE_JSON);
    }

    public ScriptedExchange refuseConnection() {
        script.add(timeout -> {
            throw new ConnectException("Connection refused");
        });
        return this;
    }

    public ScriptedExchange timeOut() {
        script.add(timeout -> {
            clock.advance(timeout);
            throw new HttpTimeoutException("request timed out");
        });
        return this;
    }

    public ScriptedExchange fail(IOException failure) {
        script.add(timeout -> {
            throw failure;
        });
        return this;
    }

    public ScriptedExchange interrupt() {
        script.add(timeout -> {
            throw new InterruptedException("stop");
        });
        return this;
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    /** Each attempt as {@code endpoint method target}. */
    public List<String> sent() {
        return attempts.stream().map(Attempt::toString).toList();
    }

    public List<Duration> timeouts() {
        return attempts.stream().map(Attempt::timeout).toList();
    }

    public int closes() {
        return closes;
    }

    @Override
    public ApiResponse exchange(Endpoint endpoint, ApiRequest request, Duration timeout)
            throws IOException, InterruptedException {
        attempts.add(new Attempt(endpoint, request, timeout));
        if (script.isEmpty()) {
            throw new AssertionError("unscripted attempt: " + endpoint + " " + request);
        }
        return script.removeFirst().run(timeout);
    }

    @Override
    public void close() {
        closes++;
    }
}
