package io.sessiongrid.helm;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * helm/render.sh as README runs it, a real process with its own Maven: standard output holds the
 * manifests and nothing else (no build output, no terminal escape codes), so {@code > sessiongrid.yaml}
 * is what {@code kubectl apply} reads; a failed render exits non-zero with nothing on it.
 */
class RenderScriptIT {

    private static final Path SCRIPT = Path.of("render.sh").toAbsolutePath();

    @Test
    void standardOutputIsTheManifestsAlone() throws Exception {
        Result result = run("--set", "replicaCount=4", "--name", "sg", "--namespace", "prod");

        assertThat(result.exit()).as("exit; stderr: %s", result.stderr()).isZero();
        assertThat(result.stdout()).doesNotContain("\u001b").doesNotContain("[INFO]").doesNotContain("[ERROR]")
                .startsWith("---");
        StatefulSet members = Arrays.stream(result.stdout().split("(?m)^---\\s*$"))
                .filter(doc -> doc.contains("kind: StatefulSet"))
                .map(doc -> (StatefulSet) new KubernetesSerialization().unmarshal(doc)).findFirst().orElseThrow();
        assertThat(members.getSpec().getReplicas()).isEqualTo(4);
        assertThat(result.stdout()).contains("sg-sessiongrid-members.prod.svc.cluster.local");
    }

    @Test
    void aMissingValuesFileFailsWithNothingOnStandardOutput() throws Exception {
        Result result = run("-f", "no-such-values.yaml");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).isEqualTo("render: values file no-such-values.yaml not found\n");
    }

    @Test
    void aRefusedOptionFailsWithNothingOnStandardOutput() throws Exception {
        Result result = run("--set", "replicaCount");

        assertThat(result.exit()).isNotZero();
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("--set takes KEY=VALUE, not replicaCount");
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("render", ".out");
        Path err = Files.createTempFile("render", ".err");
        try {
            // From the module directory, with no terminal: as a user's shell redirect sees it.
            Process process = new ProcessBuilder(command).directory(SCRIPT.getParent().toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("render.sh finished").isTrue();
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
