package io.sessiongrid.bench.load;

import io.sessiongrid.bench.FreePort;
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
import java.util.concurrent.TimeUnit;

/** A Session Grid node in its own JVM, as the other stores run in their own processes. */
final class NodeLauncher implements AutoCloseable {

    private final Process process;
    private final String url;

    private NodeLauncher(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** @param jvmArgs JVM options and -D properties, before {@code -jar} */
    static NodeLauncher start(Path jar, List<String> jvmArgs, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("No node jar at " + jar + ": run `mvn -B -DskipTests package` first,"
                    + " or give --node-jar or --grid-endpoint");
        }
        int http = FreePort.next();
        int member = FreePort.next();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-Dmicronaut.server.port=" + http, "-Dmicronaut.server.host=127.0.0.1",
                "-Dsessiongrid.cluster.port=" + member, "-Dsessiongrid.cluster.name=bench-" + ProcessHandle.current().pid(),
                "-jar", jar.toString()));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            NodeLauncher node = new NodeLauncher(process, "http://127.0.0.1:" + http);
            node.awaitReady();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node's process id, for its CPU time. */
    long pid() {
        return process.pid();
    }

    String url() {
        return url;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The node exited with " + process.exitValue() + "; see its log");
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url + "/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep();
        }
        close();
        throw new IllegalStateException("The node did not turn ready within 90 s");
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
