package io.sessiongrid.node.process;

import io.sessiongrid.node.support.RawConnection;
import io.sessiongrid.node.support.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node process with a small connection cap (200, health reserve 4, request timeout 8 s) against one
 * client that holds every connection it can: probes still get answers, connections beyond the cap are
 * closed at once, and a connection that never completes a request is closed after the request timeout.
 * Bounds on time are generous (a slow, shared machine only makes things later), never speed goals.
 */
class ConnectionLimitIT {

    private static final int CAP = 200;
    private static final int RESERVE = 4;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);
    /** Well below the request timeout, so a connection closed within it was refused, not timed out. */
    private static final Duration PROMPTLY = Duration.ofSeconds(4);
    private static final String LIST = "/v1/apps/it/users/u/sessions";
    /** Connections of others (the harness's readiness client) that may come and go during a test. */
    private static final int OTHERS = 3;

    private static NodeProcess node;

    @BeforeAll
    static void start() {
        int httpPort = TestCluster.freePort();
        int memberPort = TestCluster.freePort();
        node = NodeProcess.start("connection-limit", "connection-limit-" + httpPort, httpPort, memberPort,
                List.of("127.0.0.1:" + memberPort), Map.of(
                        "sessiongrid.limits.max-connections", Integer.toString(CAP),
                        "sessiongrid.limits.health-reserve", Integer.toString(RESERVE),
                        "sessiongrid.limits.request-timeout", REQUEST_TIMEOUT.toSeconds() + "s"))
                .awaitReady(ProcessCluster.START_PATIENCE);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.stop(Duration.ofSeconds(60));
        }
    }

    @Test
    void aClientHoldingEveryConnectionDoesNotSilenceProbesAndIsRefusedBeyondTheCap() {
        List<RawConnection> held = new ArrayList<>();
        try {
            // Up to the cap, each with a completed request, so the request timeout does not free them; the
            // request that finds the cap reached is answered 503 (its connection was let into the health reserve).
            awaitFreeConnections();
            RawConnection.Response refused = null;
            while (refused == null && held.size() <= CAP) {
                RawConnection connection = RawConnection.open(node.httpPort());
                RawConnection.Response answer = connection.get(LIST);
                if (answer.status() == 200) {
                    held.add(connection);
                } else {
                    refused = answer;
                    connection.close();
                }
            }
            assertThat(refused).as("a refusal within %d connections", CAP + 1).isNotNull();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.body()).contains("\"type\":\"https://sessiongrid.io/problems/connection-limit\"");
            assertThat(refused.header("retry-after")).isEqualTo("1");
            // The harness's own readiness client may hold a connection or two.
            assertThat(held.size()).isBetween(CAP - OTHERS, CAP);

            // Beyond the cap: closed at once (or, for the newest few, parked in the reserve until a newer one comes).
            List<RawConnection> beyond = new ArrayList<>();
            long openedAt = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                beyond.add(RawConnection.open(node.httpPort()));
            }
            long deadline = openedAt + PROMPTLY.toNanos();
            long closed = beyond.stream()
                    .filter(c -> c.awaitClosed(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()))))
                    .count();
            beyond.forEach(RawConnection::close);
            assertThat(closed).as("connections beyond the cap closed within %s", PROMPTLY)
                    .isGreaterThanOrEqualTo(100 - RESERVE - OTHERS);

            // Probes on new connections still get answers.
            for (int i = 0; i < 20; i++) {
                try (RawConnection probe = RawConnection.open(node.httpPort())) {
                    assertThat(probe.get(i % 2 == 0 ? "/health/liveness" : "/health/readiness").status()).as("probe %d", i)
                            .isEqualTo(200);
                }
            }

            // The connections held keep working, and the meters tell what happened.
            String metrics = held.get(0).get("/prometheus").body();
            assertThat(gauge(metrics, "sessiongrid_connections_open")).isBetween((double) CAP - OTHERS, (double) CAP + RESERVE);
            assertThat(gauge(metrics, "sessiongrid_connections_refused_total\\{reason=\"reserve\"}")).isGreaterThanOrEqualTo(90);
            System.out.printf("ConnectionLimitIT: held %d, %d of 100 beyond the cap closed within %s, 20 probes answered; %s%n",
                    held.size(), closed, PROMPTLY, metrics.lines().filter(l -> l.startsWith("sessiongrid_connections")).toList());
        } finally {
            held.forEach(RawConnection::close);
        }
        // Once the client lets go, the node serves everyone again.
        awaitFreeConnections();
    }

    @Test
    void aConnectionThatNeverCompletesARequestIsClosedAfterTheRequestTimeout() {
        awaitFreeConnections();
        double timeout = REQUEST_TIMEOUT.toMillis() / 1000.0;
        try (RawConnection served = RawConnection.open(node.httpPort())) {
            assertThat(served.get("/health/liveness").status()).isEqualTo(200);

            // Connected, never a byte: open until the timeout, closed soon after.
            double silentSeconds;
            try (RawConnection silent = RawConnection.open(node.httpPort())) {
                long opened = System.nanoTime();
                assertThat(silent.awaitClosed(REQUEST_TIMEOUT.minusSeconds(2))).as("silent connection open before the timeout").isFalse();
                assertThat(silent.awaitClosed(Duration.ofSeconds(30))).as("silent connection closed after the timeout").isTrue();
                silentSeconds = (System.nanoTime() - opened) / 1e9;
            }

            // Slowloris: a header byte every 250 ms keeps the connection busy but never completes a request.
            double trickleSeconds;
            try (RawConnection trickling = RawConnection.open(node.httpPort())) {
                long opened = System.nanoTime();
                byte[] head = ("GET " + LIST + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(2_000)).getBytes();
                boolean cut = false;
                for (int i = 0; i < head.length && !cut; i++) {
                    try {
                        trickling.send(new byte[]{head[i]});
                        cut = trickling.awaitClosed(Duration.ofMillis(250));
                    } catch (RuntimeException e) {
                        cut = true; // reset while writing
                    }
                }
                trickleSeconds = (System.nanoTime() - opened) / 1e9;
                assertThat(cut).as("trickling connection closed before its headers were done").isTrue();
            }
            assertThat(trickleSeconds).isGreaterThan(timeout - 0.5).isLessThan(timeout + 60);

            // A connection whose request was complete may idle past the request timeout (keep-alive, 60 s).
            assertThat(served.get("/health/liveness").status()).isEqualTo(200);
            System.out.printf("ConnectionLimitIT: request timeout %.0f s; silent connection closed after %.1f s,"
                    + " trickling one after %.1f s%n", timeout, silentSeconds, trickleSeconds);
        }
    }

    /** Waits until a plain request on a new connection is served (connections closed by the client are released). */
    private static void awaitFreeConnections() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (RawConnection connection = RawConnection.open(node.httpPort())) {
                return connection.get(LIST).status() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    private static double gauge(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
