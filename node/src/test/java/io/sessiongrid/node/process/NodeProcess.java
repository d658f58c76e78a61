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
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * One node as its own JVM process, started from the runnable jar the build produced, on loopback
 * ports, as Kubernetes would run a pod: it can be killed (SIGKILL), stopped (SIGTERM), frozen (SIGSTOP)
 * and replaced.
 */
public final class NodeProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final String host;
    private final int httpPort;
    private final int memberPort;
    private final Process process;

    private NodeProcess(String name, String host, int httpPort, int memberPort, Process process) {
        this.name = name;
        this.host = host;
        this.httpPort = httpPort;
        this.memberPort = memberPort;
        this.process = process;
    }

    public static NodeProcess start(String name, String cluster, int httpPort, int memberPort, List<String> members) {
        return start(name, cluster, httpPort, memberPort, members, Map.of());
    }

    /** As {@link #start(String, String, int, int, List)}, with {@code properties} as further {@code -D} system properties. */
    public static NodeProcess start(String name, String cluster, int httpPort, int memberPort, List<String> members,
                             Map<String, String> properties) {
        return start(name, cluster, httpPort, memberPort, members, properties, "384m");
    }

    /** As {@link #start(String, String, int, int, List, Map)}, with its own maximum heap ({@code -Xmx}). */
    public static NodeProcess start(String name, String cluster, int httpPort, int memberPort, List<String> members,
                             Map<String, String> properties, String maxHeap) {
        List<String> arguments = new ArrayList<>(List.of(
                "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dmicronaut.server.port=" + httpPort,
                "-Dmicronaut.server.host=127.0.0.1",
                "-Dsessiongrid.cluster.port=" + memberPort,
                "-Dsessiongrid.cluster.name=" + cluster,
                "-Dsessiongrid.cluster.members=" + String.join(",", members),
                "-Dsessiongrid.cluster.partition-count=31",
                "-Dsessiongrid.cluster.shutdown-timeout=60s"));
        properties.forEach((key, value) -> arguments.add("-D" + key + "=" + value));
        return launch(name, "127.0.0.1", httpPort, memberPort, Map.of(), arguments);
    }

    /**
     * A node configured only as a pod is: by its environment (the config file in
     * {@code MICRONAUT_CONFIG_FILES}, its address, JVM options) and these JVM arguments, nothing
     * overridden. It serves on {@code host}, where {@code httpPort} and {@code memberPort} must be the
     * ports its configuration names.
     */
    public static NodeProcess startAsPod(String name, String host, int httpPort, int memberPort,
                                         Map<String, String> environment, List<String> jvmArguments) {
        return launch(name, host, httpPort, memberPort, environment, jvmArguments);
    }

    private static NodeProcess launch(String name, String host, int httpPort, int memberPort,
                                      Map<String, String> environment, List<String> jvmArguments) {
        Path jar = Path.of(System.getProperty("sessiongrid.node.jar", "target/sessiongrid-node.jar"));
        Path logs = Path.of(System.getProperty("sessiongrid.it.logs", "target/it-logs"));
        try {
            Files.createDirectories(logs);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmArguments);
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
            builder.environment().putAll(environment);
            return new NodeProcess(name, host, httpPort, memberPort, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://" + host + ":" + httpPort;
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

    /** The members this node's cluster has, by its last readiness answer; 0 while it does not answer. */
    public int clusterSize() {
        HttpResponse<String> readiness = readiness();
        if (readiness == null) {
            return 0;
        }
        java.util.regex.Matcher size = java.util.regex.Pattern.compile("\"clusterSize\":(\\d+)").matcher(readiness.body());
        return size.find() ? Integer.parseInt(size.group(1)) : 0;
    }

    private boolean ready() {
        HttpResponse<String> readiness = readiness();
        return readiness != null && readiness.statusCode() == 200;
    }

    /** The readiness answer, or null while the node does not answer. */
    public HttpResponse<String> readiness() {
        return readiness(null);
    }

    /**
     * The readiness answer as a caller with this bearer token sees it (with access control on, only an
     * admin token of every app sees the details), or null while the node does not answer.
     */
    public HttpResponse<String> readiness(String bearerToken) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + "/health/readiness")).timeout(Duration.ofSeconds(2));
            if (bearerToken != null) {
                request.header("Authorization", "Bearer " + bearerToken);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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

    /** Sends SIGTERM and returns at once; {@link #awaitExit} waits for the exit. */
    public void signalStop() {
        process.destroy();
    }

    /** Sends SIGKILL and returns at once; {@link #awaitExit} waits for the exit. */
    public void signalKill() {
        process.destroyForcibly();
    }

    /** Waits for the process to exit (killing it and failing after {@code patience}); returns its exit code. */
    public int awaitExit(Duration patience) {
        waitForExit(patience);
        return process.exitValue();
    }

    /** Everything the process wrote to stdout and stderr so far. */
    public String output() {
        Path log = Path.of(System.getProperty("sessiongrid.it.logs", "target/it-logs"), name + ".log");
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /**
     * SIGSTOP: the process stays alive but runs nothing (as a VM stalled by its host, a long GC pause or a
     * container frozen by its runtime). Its ports still accept connections in the kernel; nothing answers.
     * {@link #thaw} resumes it.
     */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT: a frozen process runs on, where it stopped. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            String out = new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed: " + out.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Bytes of live objects on the node's heap: {@code jcmd GC.class_histogram} runs a full GC first and
     * then counts what is reachable, so two readings compare what the node holds, not its garbage.
     */
    public long liveHeapBytes() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process histogram = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String out = new String(histogram.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            histogram.waitFor();
            String[] lines = out.strip().split("\n");
            String[] total = lines[lines.length - 1].trim().split("\\s+");
            if (!"Total".equals(total[0])) {
                throw new IllegalStateException("unexpected jcmd output: " + lines[lines.length - 1]);
            }
            return Long.parseLong(total[2]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
