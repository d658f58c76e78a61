package io.sessiongrid.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart README lists every value, and the image the chart runs is the one node/Dockerfile builds. */
class ChartDocumentationTest {

    private static final Path VALUES = RenderedChart.CHART.resolve("values.yaml");
    private static final Path README = RenderedChart.CHART.resolve("README.md");
    private static final Path DOCKERFILE = Path.of("..", "node", "Dockerfile");

    @Test
    void readmeDocumentsEveryValueAndNoValueThatIsGone() throws IOException {
        Set<String> documented = documentedValues();
        Set<String> leaves = new TreeSet<>();
        collectLeaves("", new ObjectMapper(new YAMLFactory()).readValue(VALUES.toFile(), Map.class), leaves);

        // A leaf is covered by its own row or by a row for an enclosing block (`resources`).
        assertThat(leaves).allSatisfy(leaf -> assertThat(documented.stream().anyMatch(
                d -> leaf.equals(d) || leaf.startsWith(d + "."))).as("README row for " + leaf).isTrue());
        assertThat(documented).allSatisfy(d -> assertThat(leaves.stream().anyMatch(
                leaf -> leaf.equals(d) || leaf.startsWith(d + "."))).as("value " + d + " exists").isTrue());
    }

    @Test
    void dockerfileRunsTheRunnableJarAsTheChartsUserOnTheChartsPorts() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        RenderedChart chart = RenderedChart.render();
        long user = chart.statefulSet().getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser();
        assertThat(dockerfile).contains("USER " + user + ":" + user);
        assertThat(dockerfile).contains("COPY target/sessiongrid-node.jar /opt/sessiongrid/sessiongrid-node.jar");
        assertThat(dockerfile).contains("ENTRYPOINT [\"java\", \"-jar\", \"/opt/sessiongrid/sessiongrid-node.jar\"]");
        assertThat(dockerfile).contains("EXPOSE " + chart.config("micronaut", "server", "port") + " "
                + chart.config("sessiongrid", "cluster", "port"));
    }

    private static Set<String> documentedValues() throws IOException {
        Set<String> rows = new TreeSet<>();
        String readme = Files.readString(README);
        String table = readme.substring(readme.indexOf("## Values"), readme.indexOf("### Policies"));
        Matcher row = Pattern.compile("(?m)^\\| `([A-Za-z.]+)` \\|").matcher(table);
        while (row.find()) {
            rows.add(row.group(1));
        }
        assertThat(rows).hasSizeGreaterThan(50);
        return rows;
    }

    private static void collectLeaves(String prefix, Map<?, ?> map, Set<String> leaves) {
        map.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key.toString() : prefix + "." + key;
            if (value instanceof Map<?, ?> child && !child.isEmpty()) {
                collectLeaves(path, child, leaves);
            } else {
                leaves.add(path);
            }
        });
    }
}
