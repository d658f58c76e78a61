package io.sessiongrid.node.process;

import io.sessiongrid.node.support.FreePort;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stranger floods a default node (271 partitions, 384 MB heap) with app names it never saw: reads of
 * thousands of names must cost no heap, and creates admit at most {@code max-apps} new apps, the rest
 * answered 409 {@code app-limit}; the node stays alive and serves its real apps throughout.
 */
class AppFloodIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final int MAX_APPS = 20;

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(NodeProcess node, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(node.url() + path)));
    }

    private static HttpResponse<String> create(NodeProcess node, String app) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(node.url() + "/v1/apps/" + app + "/users/u/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"sessionId\":\"s\"}")));
    }

    @Test
    void namesCostNothingUntilCreatedAndCreatedAppsAreBounded() throws Exception {
        int port = FreePort.next();
        NodeProcess node = NodeProcess.start("app-flood", "app-flood-" + port, FreePort.next(), port,
                List.of("127.0.0.1:" + port), Map.of("sessiongrid.cluster.partition-count", "271",
                        "sessiongrid.limits.max-apps", Integer.toString(MAX_APPS),
                        "sessiongrid.apps.shop.max-idle", "30m"));
        try {
            node.awaitReady(Duration.ofSeconds(60));
            assertThat(create(node, "shop").statusCode()).isEqualTo(201);
            long baseline = node.liveHeapBytes();

            Map<Integer, Integer> readStatuses = new TreeMap<>();
            int names = 3_000;
            for (int i = 0; i < names; i++) {
                String path = switch (i % 3) {
                    case 0 -> "/v1/apps/stranger-" + i + "/users/u/sessions/s";
                    case 1 -> "/v1/apps/stranger-" + i + "/users/u/sessions";
                    default -> "/v1/apps/stranger-" + i + "/sessions/s";
                };
                readStatuses.merge(get(node, path).statusCode(), 1, Integer::sum);
            }
            long afterReads = node.liveHeapBytes();

            Map<Integer, Integer> createStatuses = new TreeMap<>();
            int creates = 200;
            for (int i = 0; i < creates; i++) {
                HttpResponse<String> created = create(node, "new-" + i);
                createStatuses.merge(created.statusCode(), 1, Integer::sum);
                if (created.statusCode() == 409) {
                    assertThat(created.body()).contains("https://sessiongrid.io/problems/app-limit");
                }
            }
            long afterCreates = node.liveHeapBytes();

            System.out.printf("AppFloodIT: %d reads of unknown apps %s, heap +%d KB; %d creates of new apps %s,"
                            + " heap +%d KB = %d KB per admitted app%n", names, readStatuses, (afterReads - baseline) / 1024,
                    creates, createStatuses, (afterCreates - afterReads) / 1024, (afterCreates - afterReads) / 1024 / MAX_APPS);
            assertThat(readStatuses).isEqualTo(Map.of(404, 2_000, 200, 1_000));
            assertThat(createStatuses).isEqualTo(Map.of(201, MAX_APPS, 409, creates - MAX_APPS));
            // Thousands of names read: no maps made for them (each would pin hundreds of KB).
            assertThat(afterReads - baseline).isLessThan(8L * 1024 * 1024);
            assertThat(get(node, "/health/liveness").statusCode()).isEqualTo(200);
            assertThat(get(node, "/v1/apps/new-0/users/u/sessions/s").statusCode()).isEqualTo(200);
            assertThat(get(node, "/v1/apps/shop/users/u/sessions/s").statusCode()).isEqualTo(200);
            assertThat(get(node, "/prometheus").body()).contains("sessiongrid_apps_admitted " + MAX_APPS + ".0")
                    .contains("sessiongrid_apps_refused_total " + (creates - MAX_APPS) + ".0");
        } finally {
            node.stop(Duration.ofSeconds(60));
        }
    }
}
