package io.sessiongrid.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessiongrid.client.SessionGridTransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failure paths only: reaching a working node is covered by the node module's tests. */
class HttpTransportTest {

    @Test
    void triesEveryEndpointAndReportsEachConnectFailure() throws IOException {
        Endpoint first = Endpoint.of(URI.create("http://127.0.0.1:" + unusedPort()));
        Endpoint second = Endpoint.of(URI.create("http://127.0.0.1:" + unusedPort()));
        HttpTransport transport = new HttpTransport(HttpClient.newHttpClient(), List.of(first, second),
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> transport.send(ApiRequest.get(ApiPaths.appState("a"))))
                .isInstanceOf(SessionGridTransportException.class)
                .hasMessage("GET /v1/apps/a/state failed: no endpoint reachable of [" + first + ", " + second + "]")
                .hasCauseInstanceOf(ConnectException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1)
                        .allSatisfy(s -> assertThat(s).isInstanceOf(ConnectException.class)));
    }

    @Test
    void refusesCallsAfterClose() {
        HttpTransport transport = new HttpTransport(HttpClient.newHttpClient(),
                List.of(Endpoint.of(URI.create("http://127.0.0.1:1"))), Duration.ofSeconds(1));
        transport.close();

        assertThatThrownBy(() -> transport.send(ApiRequest.get(ApiPaths.appState("a"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the Session Grid client is closed");
    }

    // A port that was just free: connecting to it is refused at once, without any server.
    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
