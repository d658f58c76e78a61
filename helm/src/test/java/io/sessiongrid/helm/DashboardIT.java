package io.sessiongrid.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.sessiongrid.node.process.NodeProcess;
import io.sessiongrid.node.support.FreePort;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard the chart ships: the ConfigMap carries the file as it is, and every series its
 * queries and variables name is one a real node exports on /prometheus after ordinary traffic (a
 * renamed meter would leave a panel empty without anyone noticing).
 */
class DashboardIT {

    private static final Path DASHBOARD = RenderedChart.CHART.resolve("dashboards/sessiongrid.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A series name right before its label selector or closing bracket: {@code name{...}} or {@code (name,}. */
    private static final Pattern SERIES = Pattern.compile("([a-z_][a-z0-9_]*)(?=\\{|\\s*,|\\s*\\))");

    @Test
    void theConfigMapCarriesTheDashboardForGrafanasSidecar() throws Exception {
        RenderedChart chart = RenderedChart.render(Map.of("grafanaDashboard.enabled", true));

        ConfigMap dashboard = chart.all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals("sg-sessiongrid-dashboard")).findFirst().orElseThrow();

        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(JSON.readTree(dashboard.getData().get("sessiongrid.json"))).isEqualTo(JSON.readTree(DASHBOARD.toFile()));
        assertThat(RenderedChart.render().all(ConfigMap.class)).extracting(c -> c.getMetadata().getName())
                .doesNotContain("sg-sessiongrid-dashboard");
    }

    @Test
    void everySeriesTheDashboardAsksForIsOneANodeExports() throws Exception {
        Set<String> asked = seriesAskedFor(JSON.readTree(DASHBOARD.toFile()));
        assertThat(asked).contains("sessiongrid_op_seconds_bucket", "sessiongrid_cluster_safe", "jvm_memory_used_bytes");

        int memberPort = FreePort.next();
        NodeProcess node = NodeProcess.start("dashboard", "dashboard-" + memberPort, FreePort.next(), memberPort,
                List.of("127.0.0.1:" + memberPort));
        try {
            node.awaitReady(Duration.ofSeconds(90));
            assertThat(send(node, "POST", "/v1/apps/dash/users/u/sessions", "{\"sessionId\":\"s\"}")).isEqualTo(201);
            assertThat(send(node, "POST", "/v1/apps/dash/users/u/sessions/s/events", "{\"author\":\"user\"}")).isEqualTo(200);
            assertThat(send(node, "GET", "/v1/apps/dash/users/u/sessions/s", null)).isEqualTo(200);
            assertThat(send(node, "GET", "/v1/apps/dash/users/u/sessions/gone", null)).isEqualTo(404);

            // The per-app gauges are taken every 10 s: scrape until they are in, or 20 s have passed.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            Set<String> exported = exported(node);
            while (!exported.containsAll(asked) && System.nanoTime() < deadline) {
                Thread.sleep(500);
                exported = exported(node);
            }

            assertThat(exported).containsAll(asked);
        } finally {
            node.kill();
        }
    }

    private static Set<String> exported(NodeProcess node) throws Exception {
        String scraped = HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return scraped.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The series names in every panel query and template variable query. */
    private static Set<String> seriesAskedFor(JsonNode dashboard) {
        Set<String> names = new TreeSet<>();
        List<String> queries = new java.util.ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> queries.add(t.path("expr").asText())));
        dashboard.path("templating").path("list").forEach(v -> {
            if ("query".equals(v.path("type").asText())) {
                queries.add(v.path("query").asText());
            }
        });
        for (String query : queries) {
            Matcher m = SERIES.matcher(query);
            while (m.find()) {
                if (!FUNCTIONS.contains(m.group(1))) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** PromQL and Grafana words the pattern also matches: never series names. */
    private static final Set<String> FUNCTIONS = Set.of("sum", "min", "max", "rate", "by", "histogram_quantile",
            "label_values", "le", "op", "outcome", "route", "served", "pod", "result", "namespace", "app");

    private static int send(NodeProcess node, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
