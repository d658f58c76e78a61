package io.sessiongrid.client.internal;

import static io.sessiongrid.client.internal.ApiRequest.IDEMPOTENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessiongrid.client.RetryPolicy;
import io.sessiongrid.client.SessionGridTransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Failure paths against real sockets, so that the JDK's own exceptions are classified as the retry loop
 * expects. Reaching a working node is covered by the node module's tests.
 */
class HttpExchangeTest {

    private static final ApiRequest GET = ApiRequest.get(ApiPaths.appState("a"), IDEMPOTENT);

    @Test
    void refusedConnectionsFailOverToEveryEndpointAndAreReportedEach() throws IOException {
        Endpoint first = Endpoint.of(URI.create("http://127.0.0.1:" + unusedPort()));
        Endpoint second = Endpoint.of(URI.create("http://127.0.0.1:" + unusedPort()));
        // No backoff: the real clock sleeps nothing.
        RetryPolicy policy = RetryPolicy.defaults().withMaxAttempts(2).withBackoff(Duration.ZERO, Duration.ZERO);
        try (FailoverTransport transport = new FailoverTransport(List.of(first, second), Duration.ofSeconds(5),
                policy, new HttpExchange(HttpClient.newHttpClient()))) {

            assertThatThrownBy(() -> transport.send(GET))
                    .isInstanceOf(SessionGridTransportException.class)
                    .hasMessageStartingWith("GET /v1/apps/a/state failed after 2 attempts (no attempts left); "
                            + "last at " + second + ": java.net.ConnectException")
                    .satisfies(e -> assertThat(FailoverTransport.isConnectFailure(e.getCause())).isTrue())
                    .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1)
                            .allSatisfy(s -> assertThat(s).isInstanceOf(ConnectException.class)));
        }
    }

    @Test
    void aNodeThatAcceptsButNeverAnswersTimesOutAsPossiblyReached() throws IOException {
        // The kernel accepts the connection into the backlog; nobody ever reads the request.
        try (ServerSocket silent = new ServerSocket(0)) {
            Endpoint endpoint = Endpoint.of(URI.create("http://127.0.0.1:" + silent.getLocalPort()));
            HttpExchange exchange = new HttpExchange(HttpClient.newHttpClient());

            assertThatThrownBy(() -> exchange.exchange(endpoint, GET, Duration.ofMillis(100)))
                    .isInstanceOf(HttpTimeoutException.class)
                    .satisfies(e -> assertThat(FailoverTransport.isConnectFailure(e)).isFalse());
        }
    }

    @Test
    void theTokenGoesInTheAuthorizationHeaderOfEveryCall() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.createContext("/", http -> {
            seen.add(String.valueOf(http.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{\"app\":\"a\",\"state\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            http.getResponseHeaders().add("Content-Type", "application/json");
            http.sendResponseHeaders(200, body.length);
            http.getResponseBody().write(body);
            http.close();
        });
        server.start();
        try (io.sessiongrid.client.SessionGridClient client = io.sessiongrid.client.SessionGridClient.builder()
                .endpoints("http://127.0.0.1:" + server.getAddress().getPort()).token("s3cr3t-Token_1").build()) {
            client.getAppState("a");
            client.getAppState("a");
        } finally {
            server.stop(0);
        }

        assertThat(seen).containsExactly("Bearer s3cr3t-Token_1", "Bearer s3cr3t-Token_1");
        assertThatThrownBy(() -> io.sessiongrid.client.SessionGridClient.builder().token("two words"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("two words");
    }

    // A port that was just free: connecting to it is refused at once, without any server.
    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
