package io.sessiongrid.client.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The socket transport against a scripted HTTP/1.1 server: framing, keep-alive and broken connections. */
class SocketExchangeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ScriptedServer server;
    private SocketExchange exchange;

    @AfterEach
    void stop() throws IOException {
        if (exchange != null) {
            exchange.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sendsTheRequestAsWrittenAndReusesTheConnection() throws Exception {
        server = new ScriptedServer(request -> "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n"
                + "ETag: \"3\"\r\n\r\n{\"ok\":true}");
        exchange = new SocketExchange(TIMEOUT, null, "secret", new NoAsync());
        ApiRequest append = ApiRequest.postJson(ResourcePath.of("v1", "apps", "a b", "events"),
                "{\"id\":\"e1\"}".getBytes(StandardCharsets.UTF_8), ApiRequest.NOT_IDEMPOTENT);

        ApiResponse first = exchange.exchange(server.endpoint(), append, TIMEOUT);
        ApiResponse second = exchange.exchange(server.endpoint(), ApiRequest.get(ResourcePath.of("v1", "x"), true), TIMEOUT);

        assertThat(first.status()).isEqualTo(200);
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(first.header("etag")).contains("\"3\"");
        assertThat(second.status()).isEqualTo(200);
        assertThat(server.connections()).hasValue(1);
        String sent = server.requests().get(0);
        assertThat(sent).startsWith("POST /v1/apps/a%20b/events HTTP/1.1\r\n");
        assertThat(sent).contains("Host: 127.0.0.1:" + server.port() + "\r\n", "Authorization: Bearer secret\r\n",
                "Content-Type: application/json\r\n", "Content-Length: 11\r\n");
        assertThat(sent).endsWith("\r\n\r\n{\"id\":\"e1\"}");
        assertThat(server.requests().get(1)).startsWith("GET /v1/x HTTP/1.1\r\n").doesNotContain("Content-Length");
    }

    @Test
    void readsChunkedAndEmptyAnswersAndHonoursConnectionClose() throws Exception {
        AtomicInteger n = new AtomicInteger();
        server = new ScriptedServer(request -> switch (n.getAndIncrement()) {
            case 0 -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nTrailer: t\r\n\r\n";
            case 1 -> "HTTP/1.1 204 No Content\r\n\r\n";
            default -> "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}";
        });
        exchange = new SocketExchange(TIMEOUT, null, null, new NoAsync());
        ApiRequest get = ApiRequest.get(ResourcePath.of("v1"), true);

        assertThat(new String(exchange.exchange(server.endpoint(), get, TIMEOUT).body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1}");
        assertThat(exchange.exchange(server.endpoint(), get, TIMEOUT).status()).isEqualTo(204);
        assertThat(exchange.exchange(server.endpoint(), get, TIMEOUT).status()).isEqualTo(503);
        assertThat(exchange.exchange(server.endpoint(), get, TIMEOUT).status()).isEqualTo(503);
        // The third answer said close: the fourth request needed a second connection.
        assertThat(server.connections()).hasValue(2);
        assertThat(server.requests().get(0)).doesNotContain("Authorization");
    }

    @Test
    void aConnectionTheNodeClosedWhileIdleIsNotReusedEvenForACallUnsafeToRepeat() throws Exception {
        server = new ScriptedServer(request -> "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        exchange = new SocketExchange(TIMEOUT, null, null, new NoAsync());
        exchange.exchange(server.endpoint(), ApiRequest.get(ResourcePath.of("v1"), true), TIMEOUT);
        server.closeOpenConnections();

        ApiRequest create = ApiRequest.postJson(ResourcePath.of("v1"), "{}".getBytes(StandardCharsets.UTF_8),
                ApiRequest.NOT_IDEMPOTENT);
        assertThat(exchange.exchange(server.endpoint(), create, TIMEOUT).status()).isEqualTo(200);
        assertThat(server.connections()).hasValue(2);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aConnectionThatBreaksAfterTheRequestWasSentMayHaveReachedTheNode() throws Exception {
        server = new ScriptedServer(request -> ScriptedServer.HANG_UP);
        exchange = new SocketExchange(TIMEOUT, null, null, new NoAsync());
        ApiRequest create = ApiRequest.postJson(ResourcePath.of("v1"), "{}".getBytes(StandardCharsets.UTF_8),
                ApiRequest.NOT_IDEMPOTENT);
        assertThatThrownBy(() -> exchange.exchange(server.endpoint(), create, TIMEOUT))
                .isInstanceOf(IOException.class).isNotInstanceOf(ConnectException.class)
                .hasMessageContaining("without answering");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void interimAnswersAreSkippedAndTheFinalOneBelongsToItsRequest() throws Exception {
        AtomicInteger n = new AtomicInteger();
        server = new ScriptedServer(request -> n.getAndIncrement() == 0
                ? "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst"
                : "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond");
        exchange = new SocketExchange(TIMEOUT, null, null, new NoAsync());
        ApiRequest get = ApiRequest.get(ResourcePath.of("v1"), true);
        assertThat(new String(exchange.exchange(server.endpoint(), get, TIMEOUT).body(), StandardCharsets.UTF_8)).isEqualTo("first");
        assertThat(new String(exchange.exchange(server.endpoint(), get, TIMEOUT).body(), StandardCharsets.UTF_8)).isEqualTo("second");
    }

    @Test
    void aConnectFailureSaysNothingWasSent() {
        exchange = new SocketExchange(Duration.ofMillis(500), null, null, new NoAsync());
        assertThatThrownBy(() -> exchange.exchange(Endpoint.of(URI.create("http://no-such-node.invalid:8080")),
                ApiRequest.get(ResourcePath.of("v1"), true), TIMEOUT))
                .isInstanceOf(ConnectException.class).hasCauseInstanceOf(java.net.UnknownHostException.class);
    }

    @Test
    void aTricklingAnswerIsCutAtTheCallsTimeout() throws Exception {
        server = new ScriptedServer(request -> ScriptedServer.TRICKLE);
        exchange = new SocketExchange(TIMEOUT, null, null, new NoAsync());
        long start = System.nanoTime();
        assertThatThrownBy(() -> exchange.exchange(server.endpoint(), ApiRequest.get(ResourcePath.of("v1"), true),
                Duration.ofMillis(600))).isInstanceOf(SocketTimeoutException.class);
        // Each byte comes within the per-read timeout; only the call's deadline can end it (the answer takes 16 s).
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anAnswerLargerThanTheReadBufferArrivesWholeAndTheConnectionServesTheNextCall() throws Exception {
        String body = "x".repeat(200_000);
        server = new ScriptedServer(request -> "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        exchange = new SocketExchange(TIMEOUT, null, null, new NoAsync());

        for (int call = 0; call < 3; call++) {
            ApiResponse answer = exchange.exchange(server.endpoint(), ApiRequest.get(ResourcePath.of("v1"), true), TIMEOUT);
            assertThat(answer.body()).hasSize(200_000);
            assertThat(new String(answer.body(), StandardCharsets.ISO_8859_1)).isEqualTo(body);
        }
        assertThat(server.connections()).hasValue(1);
    }

    @Test
    @Timeout(20)
    void aNodeThatDoesNotReadALargeRequestEndsTheCallAtItsTimeout() throws Exception {
        try (DeafServer deaf = new DeafServer()) {
            exchange = new SocketExchange(TIMEOUT, null, null, new NoAsync());
            long start = System.nanoTime();

            assertThatThrownBy(() -> exchange.exchange(deaf.endpoint(), hugeRequest(), Duration.ofMillis(500)))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessage("request timed out while the node was not reading it");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    @Timeout(20)
    void anInterruptWhileTheNodeDoesNotReadEndsTheCallWithInterruptedException() throws Exception {
        try (DeafServer deaf = new DeafServer()) {
            exchange = new SocketExchange(TIMEOUT, null, null, new NoAsync());
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    exchange.exchange(deaf.endpoint(), hugeRequest(), Duration.ofSeconds(30));
                    failure.complete(null);
                } catch (Throwable t) {
                    failure.complete(t);
                }
            });
            caller.start();
            Thread.sleep(300); // the write is stuck by then: the node takes nothing
            caller.interrupt();

            assertThat(failure.get(10, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        }
    }

    private static ApiRequest hugeRequest() {
        return ApiRequest.postJson(ResourcePath.of("v1", "events"), new byte[32 * 1024 * 1024], ApiRequest.NOT_IDEMPOTENT);
    }

    /** Accepts connections with a small receive buffer and never reads from them. */
    private static final class DeafServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket();
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        DeafServer() throws IOException {
            socket.setReceiveBufferSize(4096);
            socket.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        held.add(socket.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        Endpoint endpoint() {
            return Endpoint.of(URI.create("http://127.0.0.1:" + socket.getLocalPort()));
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void anInterruptEndsTheCallWithInterruptedException() throws Exception {
        server = new ScriptedServer(request -> null);
        exchange = new SocketExchange(TIMEOUT, null, null, new NoAsync());
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                exchange.exchange(server.endpoint(), ApiRequest.get(ResourcePath.of("v1"), true), Duration.ofSeconds(30));
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
        });
        caller.start();
        while (server.requests().isEmpty()) {
            Thread.sleep(10);
        }
        caller.interrupt();
        assertThat(failure.get(10, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void aSilentNodeTimesOutAndAnAbsentOneRefuses() throws Exception {
        server = new ScriptedServer(request -> null);
        exchange = new SocketExchange(TIMEOUT, null, null, new NoAsync());
        assertThatThrownBy(() -> exchange.exchange(server.endpoint(), ApiRequest.get(ResourcePath.of("v1"), true),
                Duration.ofMillis(300))).isInstanceOf(SocketTimeoutException.class);

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThatThrownBy(() -> exchange.exchange(Endpoint.of(URI.create("http://127.0.0.1:" + closedPort)),
                ApiRequest.get(ResourcePath.of("v1"), true), TIMEOUT)).isInstanceOf(java.net.ConnectException.class);
    }

    /** Answers each request on a connection with {@code script}'s text (null: never answers). */
    private static final class ScriptedServer implements AutoCloseable {
        /** Answer: close the connection without a byte. */
        static final String HANG_UP = "hang up";
        /** Answer: send a status line and headers one byte every 400 ms. */
        static final String TRICKLE = "trickle";

        private final ServerSocket socket = new ServerSocket(0);
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private final AtomicInteger connections = new AtomicInteger();

        ScriptedServer(Function<String, String> script) throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        connections.incrementAndGet();
                        open.add(s);
                        Thread t = new Thread(() -> serve(s, script));
                        t.setDaemon(true);
                        t.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void serve(Socket s, Function<String, String> script) {
            try (s) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = s.getOutputStream();
                while (true) {
                    StringBuilder request = new StringBuilder();
                    int length = 0;
                    for (String line = in.readLine(); ; line = in.readLine()) {
                        if (line == null) {
                            return;
                        }
                        request.append(line).append("\r\n");
                        if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                            length = Integer.parseInt(line.substring(15).trim());
                        }
                        if (line.isEmpty()) {
                            break;
                        }
                    }
                    char[] body = new char[length];
                    int read = 0;
                    while (read < length) {
                        read += in.read(body, read, length - read);
                    }
                    request.append(body);
                    requests.add(request.toString());
                    String answer = script.apply(request.toString());
                    if (answer == null) {
                        Thread.sleep(60_000);
                        return;
                    }
                    if (answer.equals(HANG_UP)) {
                        return;
                    }
                    if (answer.equals(TRICKLE)) {
                        for (byte b : "HTTP/1.1 200 OK\r\nContent-Length: 60\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)) {
                            out.write(b);
                            out.flush();
                            Thread.sleep(400);
                        }
                        return;
                    }
                    out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (answer.contains("Connection: close")) {
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                // connection over
            }
        }

        Endpoint endpoint() {
            return Endpoint.of(URI.create("http://127.0.0.1:" + port()));
        }

        int port() {
            return socket.getLocalPort();
        }

        List<String> requests() {
            return new ArrayList<>(requests);
        }

        AtomicInteger connections() {
            return connections;
        }

        void closeOpenConnections() throws IOException, InterruptedException {
            for (Socket s : open) {
                s.close();
            }
            open.clear();
            Thread.sleep(100);
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }

    private static final class NoAsync implements Exchange {
        @Override
        public ApiResponse exchange(Endpoint endpoint, ApiRequest request, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<ApiResponse> exchangeAsync(Endpoint endpoint, ApiRequest request, Duration timeout) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }

        @Override
        public void close() {
        }
    }
}
