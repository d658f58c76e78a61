package io.sessiongrid.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The chart rendered by a real helm ({@code helm template}, bundled by helm-java) and parsed into
 * the fabric8 Kubernetes model, as the API server would read it.
 */
final class RenderedChart {

    static final Path CHART = RenderChart.CHART;
    static final String RELEASE = "sg";
    static final String NAMESPACE = "prod";
    static final String KUBE_VERSION = RenderChart.KUBE_VERSION;

    private static final KubernetesSerialization KUBE = new KubernetesSerialization();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String manifest;
    private final List<HasMetadata> resources;

    private RenderedChart(String manifest) {
        this.manifest = manifest;
        this.resources = Arrays.stream(manifest.split("(?m)^---\\s*$"))
                .filter(RenderedChart::hasContent)
                .map(doc -> (HasMetadata) KUBE.unmarshal(doc))
                .toList();
    }

    /** Renders with the chart's defaults plus the given values files (later ones win, as with -f). */
    static RenderedChart render(Path... valuesFiles) {
        return new RenderedChart(template(valuesFiles).call());
    }

    /** Renders with values files and {@code --set key=value} pairs. */
    static RenderedChart render(Map<String, Object> sets, Path... valuesFiles) {
        TemplateCommand template = template(valuesFiles);
        sets.forEach(template::set);
        return new RenderedChart(template.call());
    }

    private static TemplateCommand template(Path... valuesFiles) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path file : valuesFiles) {
            template.withValuesFile(file);
        }
        return template;
    }

    /**
     * NOTES.txt as {@code helm install} prints it after installing, from a client-only dry run (no
     * cluster needed; {@code helm template} does not render NOTES).
     */
    static String notes(Map<String, Object> sets, Path... valuesFiles) {
        InstallCommand install = new Helm(CHART).install().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION).clientOnly().dryRun();
        for (Path file : valuesFiles) {
            install.withValuesFile(file);
        }
        sets.forEach(install::set);
        String output = install.call().getOutput();
        int notes = output.indexOf("NOTES:\n");
        if (notes < 0) {
            throw new AssertionError("helm install printed no NOTES:\n" + output);
        }
        return output.substring(notes + "NOTES:\n".length());
    }

    static Path testValues(String name) {
        return Path.of("src", "test", "resources", name);
    }

    private static boolean hasContent(String doc) {
        return doc.lines().map(String::trim).anyMatch(l -> !l.isEmpty() && !l.startsWith("#"));
    }

    String manifest() {
        return manifest;
    }

    List<HasMetadata> resources() {
        return resources;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", rendered " + found.size());
        }
        return found.get(0);
    }

    Service service(String name) {
        return all(Service.class).stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Service " + name + " in " + names()));
    }

    List<String> names() {
        List<String> names = new ArrayList<>();
        resources.forEach(r -> names.add(r.getKind() + "/" + r.getMetadata().getName()));
        return names;
    }

    StatefulSet statefulSet() {
        return one(StatefulSet.class);
    }

    Container node() {
        return statefulSet().getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /** The node configuration file the ConfigMap carries, as written. */
    String nodeConfigText() {
        ConfigMap config = one(ConfigMap.class);
        return config.getData().get("sessiongrid.yml");
    }

    /** The node configuration parsed, for reading single keys ({@code config("sessiongrid", "cluster", "port")}). */
    Object config(String... path) {
        Object node = parsedConfig();
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                throw new AssertionError("node config has no " + String.join(".", path) + ":\n" + nodeConfigText());
            }
            node = map.get(key);
        }
        return node;
    }

    /** The keys under a path of the node configuration. */
    Set<String> configKeys(String... path) {
        Object node = path.length == 0 ? parsedConfig() : config(path);
        Set<String> keys = new TreeSet<>();
        ((Map<?, ?>) node).keySet().forEach(k -> keys.add(k.toString()));
        return keys;
    }

    private Map<?, ?> parsedConfig() {
        try {
            return YAML.readValue(nodeConfigText(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
