package io.sessiongrid.helm;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** helm/render.sh's renderer: helm's options, the chart's manifests, clear refusals. */
class RenderChartTest {

    @Test
    void rendersWithValuesFilesSetsNameAndNamespaceAsHelmTemplateDoes() {
        // values-custom.yaml sets fullnameOverride "sessions" and 5 replicas; --set wins over the file, as in helm.
        String manifests = RenderChart.render(List.of("-f", RenderedChart.testValues("values-custom.yaml").toString(),
                "--set", "replicaCount=7", "--name", "blue", "--namespace", "prod"));

        StatefulSet members = Arrays.stream(manifests.split("(?m)^---\\s*$")).filter(doc -> doc.contains("kind: StatefulSet"))
                .map(doc -> (StatefulSet) new KubernetesSerialization().unmarshal(doc)).findFirst().orElseThrow();
        assertThat(members.getMetadata().getName()).isEqualTo("sessions");
        // The namespace shows where the chart uses it: the members' DNS name.
        assertThat(manifests).contains("sessions-members.prod.svc.cluster.local");
        assertThat(members.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "blue");
        assertThat(members.getSpec().getReplicas()).isEqualTo(7);
    }

    @Test
    void anUnknownOptionOrAMissingValueIsRefusedNamingTheOptions() {
        assertThatThrownBy(() -> RenderChart.render(List.of("--output", "x")))
                .hasMessage("unknown option --output (options: -f FILE, --set KEY=VALUE, --name NAME, --namespace NS,"
                        + " --kube-version V)");
        assertThatThrownBy(() -> RenderChart.render(List.of("--set")))
                .hasMessageStartingWith("--set needs a value");
        assertThatThrownBy(() -> RenderChart.render(List.of("--set", "replicaCount")))
                .hasMessage("--set takes KEY=VALUE, not replicaCount");
    }
}
