package io.sessiongrid.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code helm template} without a helm binary: renders the chart with the helm that helm-java bundles
 * and prints the manifests, for {@code kubectl apply -f -} or a look before installing. helm/render.sh
 * runs it (main code, so the script needs only helm-java from Maven Central, not this project's own
 * artifacts); the options are helm's: {@code -f values.yaml} and {@code --set key=value} (repeatable),
 * {@code --name} (default sg), {@code --namespace} (default default), {@code --kube-version}.
 */
public final class RenderChart {

    /** The chart, from the helm module's directory. */
    static final Path CHART = Path.of("sessiongrid");
    /** helm template assumes an old Kubernetes (1.20) unless told; the chart needs 1.25+. */
    static final String KUBE_VERSION = "1.31.0";

    private RenderChart() {
    }

    /** The file the manifests go to instead of standard output: render.sh's, so no build output mixes in. */
    static final String OUTPUT_PROPERTY = "sessiongrid.render.output";

    public static void main(String[] args) throws IOException {
        String manifests = render(List.of(args));
        String output = System.getProperty(OUTPUT_PROPERTY);
        if (output == null) {
            System.out.print(manifests);
        } else {
            Files.writeString(Path.of(output), manifests);
        }
    }

    static String render(List<String> args) {
        Path chart = Files.isDirectory(CHART) ? CHART : Path.of("helm").resolve(CHART);
        String name = "sg";
        String namespace = "default";
        String kubeVersion = KUBE_VERSION;
        List<Path> values = new ArrayList<>();
        List<String[]> sets = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value (options: -f FILE, --set KEY=VALUE,"
                        + " --name NAME, --namespace NS, --kube-version V)");
            }
            String value = args.get(++i);
            switch (option) {
                case "-f", "--values" -> {
                    if (!Files.isRegularFile(Path.of(value))) {
                        throw new IllegalArgumentException("values file " + value + " not found");
                    }
                    values.add(Path.of(value));
                }
                case "--set" -> {
                    int eq = value.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--set takes KEY=VALUE, not " + value);
                    }
                    sets.add(new String[] {value.substring(0, eq), value.substring(eq + 1)});
                }
                case "--name" -> name = value;
                case "--namespace" -> namespace = value;
                case "--kube-version" -> kubeVersion = value;
                default -> throw new IllegalArgumentException("unknown option " + option
                        + " (options: -f FILE, --set KEY=VALUE, --name NAME, --namespace NS, --kube-version V)");
            }
        }
        TemplateCommand template = new Helm(chart).template().withName(name).withNamespace(namespace)
                .withKubeVersion(kubeVersion);
        values.forEach(template::withValuesFile);
        sets.forEach(set -> template.set(set[0], set[1]));
        return template.call();
    }
}
