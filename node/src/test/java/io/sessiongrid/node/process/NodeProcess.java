package io.sessiongrid.node.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * One node as its own JVM process, started from the runnable jar the build produced, on loopback
 * ports, as Kubernetes would run a pod: it can be killed (SIGKILL), stopped (SIGTERM) and replaced.
 */
public final class NodeProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int httpPort;
    private final int memberPort;
    private final Process process;

    private NodeProcess(String name, int httpPort, int memberPort, Process process) {
        this.name = name;
        this.httpPort = httpPort;
        this.memberPort = memberPort;
        this.process = process;
    }

    static NodeProcess start(String name, String cluster, int httpPort, int memberPort, List<String> members) {
        return launch(name, httpPort, memberPort, List.of(
                "-Dsessiongrid.cluster.name=" + cluster,
                "-Dsessiongrid.cluster.members=" + String.join(",", members),
                "-Dsessiongrid.cluster.partition-count=31",
                "-Dsessiongrid.cluster.shutdown-timeout=60s"));
    }

    /**
     * A node that reads its configuration from {@code configFile}, as a pod reads its mounted ConfigMap;
     * only the ports and the given {@code -D} properties override the file.
     */
    public static NodeProcess startWithConfigFile(String name, Path configFile, int httpPort, int memberPort,
                                                  List<String> properties) {
        List<String> args = new ArrayList<>(properties);
        args.add("-Dmicronaut.config.files=" + configFile.toAbsolutePath());
        return launch(name, httpPort, memberPort, args);
    }

    private static NodeProcess launch(String name, int httpPort, int memberPort, List<String> properties) {
        Path jar = Path.of(System.getProperty("sessiongrid.node.jar", "target/sessiongrid-node.jar"));
        Path logs = Path.of(System.getProperty("sessiongrid.it.logs", "target/it-logs"));
        try {
            Files.createDirectories(logs);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dmicronaut.server.port=" + httpPort,
                    "-Dmicronaut.server.host=127.0.0.1",
                    "-Dsessiongrid.cluster.port=" + memberPort));
            command.addAll(properties);
            command.addAll(List.of("-jar", jar.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()))
                    .start();
            return new NodeProcess(name, httpPort, memberPort, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    public int memberPort() {
        return memberPort;
    }

    /** Waits until the node answers ready: joined, and the cluster safe. */
    public NodeProcess awaitReady(Duration patience) {
        await().atMost(patience).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see its log");
            }
            return ready();
        });
        return this;
    }

    /** Whether this node's last background check saw every partition's backups in sync. */
    public boolean clusterSafe() {
        HttpResponse<String> readiness = readiness();
        return readiness != null && readiness.body().contains("\"clusterSafe\":true");
    }

    private boolean ready() {
        HttpResponse<String> readiness = readiness();
        return readiness != null && readiness.statusCode() == 200;
    }

    /** The readiness answer, or null while the node does not answer. */
    private HttpResponse<String> readiness() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** SIGKILL: no shutdown hook, no migration, as a crashed pod. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /** SIGTERM: the node drains and migrates its partitions before it exits. */
    public void stop(Duration patience) {
        process.destroy();
        waitForExit(patience);
    }

    public boolean alive() {
        return process.isAlive();
    }

    private void waitForExit(Duration patience) {
        try {
            if (!process.waitFor(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not exit within " + patience);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
