package io.sessiongrid.node.process;

import io.sessiongrid.node.support.FreePort;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Appends of 900 KB events fill a small node's heap. With the high-water mark the node refuses writes
 * (503 memory-pressure) before its heap is full, stays alive and serves reads, and takes writes again
 * once deletes made room. Without it, the OutOfMemoryError that follows ends the process (exit code 3)
 * instead of leaving a member with dead threads.
 */
class HeapIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String BIG = "x".repeat(900 * 1024);

    private static NodeProcess node(String name, String highWater, String maxHeap) {
        int port = FreePort.next();
        return NodeProcess.start(name, name + "-" + port, FreePort.next(), port, List.of("127.0.0.1:" + port),
                Map.of("sessiongrid.memory.high-water", highWater), maxHeap).awaitReady(Duration.ofSeconds(60));
    }

    private static HttpResponse<String> send(NodeProcess node, String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates session {@code i} holding one 900 KB event; returns the append's status. */
    private static int fill(NodeProcess node, int i) throws Exception {
        HttpResponse<String> created = send(node, "POST", "/v1/apps/big/users/u" + i + "/sessions", "{\"sessionId\":\"s\"}");
        if (created.statusCode() != 201) {
            return created.statusCode();
        }
        return send(node, "POST", "/v1/apps/big/users/u" + i + "/sessions/s/events",
                "{\"id\":\"e\",\"author\":\"tool\",\"content\":{\"text\":\"" + BIG + "\"}}").statusCode();
    }

    @Test
    void aFullingHeapRefusesWritesButServesReadsAndDeletesUntilThereIsRoomAgain() throws Exception {
        NodeProcess node = node("heap-mark", "0.7", "192m");
        try {
            int stored = 0;
            HttpResponse<String> refusal = null;
            for (int i = 0; i < 400 && refusal == null; i++) {
                int status = fill(node, i);
                if (status == 200) {
                    stored++;
                } else {
                    assertThat(status).as("append %d", i).isEqualTo(503);
                    refusal = send(node, "POST", "/v1/apps/big/users/u" + i + "/sessions", "{\"sessionId\":\"s2\"}");
                }
            }
            System.out.printf("HeapIT: %d events of 900 KB stored on a 192 MB heap before writes were refused%n", stored);
            assertThat(refusal).as("writes refused before 400 events of 900 KB").isNotNull();
            assertThat(refusal.statusCode()).isEqualTo(503);
            assertThat(refusal.body()).contains("https://sessiongrid.io/problems/memory-pressure");
            assertThat(refusal.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(stored).isGreaterThan(50);
            assertThat(send(node, "GET", "/health/liveness", null).statusCode()).isEqualTo(200);
            assertThat(send(node, "GET", "/v1/apps/big/users/u0/sessions/s?numRecentEvents=0", null).statusCode()).isEqualTo(200);
            assertThat(send(node, "GET", "/prometheus", null).body()).contains("sessiongrid_memory_pressed_members 1.0");

            for (int i = 0; i < stored; i++) {
                assertThat(send(node, "DELETE", "/v1/apps/big/users/u" + i + "/sessions/s", null).statusCode()).isEqualTo(204);
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> send(node, "POST", "/v1/apps/big/users/again/sessions", "{}").statusCode() == 201);
            assertThat(node.alive()).isTrue();
        } finally {
            node.stop(Duration.ofSeconds(60));
        }
    }

    @Test
    void anOutOfMemoryErrorEndsTheMemberInsteadOfLeavingAZombie() throws Exception {
        NodeProcess node = node("heap-oom", "0", "160m");
        try {
            for (int i = 0; i < 1_000 && node.alive(); i++) {
                try {
                    fill(node, i);
                } catch (IOException e) {
                    // The process went away mid-request.
                }
            }
            assertThat(node.awaitExit(Duration.ofSeconds(60))).isEqualTo(3);
        } finally {
            if (node.alive()) {
                node.kill();
            }
        }
    }
}
