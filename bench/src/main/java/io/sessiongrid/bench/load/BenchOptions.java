package io.sessiongrid.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of the load benchmark ({@code --name value}); {@link #USAGE} lists them.
 */
record BenchOptions(List<String> targets, String workload, String mode, double rate, Duration duration,
                    Duration warmup, int threads, int maxOutstanding, int conversations, int webSessions,
                    int longSessions, int longEvents, String gridEndpoint, long gridPid, Path nodeJar, List<String> nodeJvmArgs,
                    String redis, String jdbcUrl, String jdbcUser, String jdbcPassword, Path out) {

    static final String USAGE = """
            java -jar bench/target/sessiongrid-bench.jar [options]
              --targets grid,redis,postgres   stores to compare, in this order (default grid,redis,postgres);
                                              grid-jdk: the grid through the SDK's JDK HttpClient transport
                                              grid-wb / grid-wt: a grid whose apps are WRITE_BEHIND / WRITE_THROUGH
                                              into the --jdbc-url database (a schema of their own, dropped after)
              --workload agent|web|long-session (default agent)
              --mode open|closed              open: fixed --rate, latency from the intended start; closed: max throughput
              --rate 2000                     operations per second in open mode
              --duration 30s  --warmup 60s    measured period and unmeasured warm-up (JIT, pools)
              --threads 16                    worker threads (closed mode: concurrent callers); more only adds jitter on few cores
              --max-outstanding 20000         open mode: operations waiting before new ones count as overloaded
              --conversations 500             agent: conversations at once
              --web-sessions 100000           web: live sessions (about 2 KB each)
              --long-sessions 20 --long-events 10000   long-session: sessions and the events each holds first
              --grid-endpoint http://host:8080  use a running grid instead of starting a node
              --grid-pid 1234                 that grid's node process on this machine, to report its CPU per operation
              --node-jar node/target/sessiongrid-node.jar  --node-jvm-args "-Xmx2g"
              --redis 127.0.0.1:6379
              --jdbc-url jdbc:postgresql://127.0.0.1:5432/test --jdbc-user postgres --jdbc-password ""
              --out bench/results             where results.json, latency.png and the node log go
            """;

    static BenchOptions parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected an option at '" + args[i] + "'\n" + USAGE);
            }
            if (args[i].equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + args[i] + " needs a value\n" + USAGE);
            }
            given.put(args[i].substring(2), args[++i]);
        }
        Reader r = new Reader(given);
        BenchOptions options = new BenchOptions(
                List.of(r.text("targets", "grid,redis,postgres").split(",")),
                r.choice("workload", "agent", "agent", "web", "long-session"),
                r.choice("mode", "open", "open", "closed"),
                r.number("rate", 2000),
                r.duration("duration", "30s"),
                r.duration("warmup", "60s"),
                (int) r.number("threads", 16),
                (int) r.number("max-outstanding", 20_000),
                (int) r.number("conversations", 500),
                (int) r.number("web-sessions", 100_000),
                (int) r.number("long-sessions", 20),
                (int) r.number("long-events", 10_000),
                r.text("grid-endpoint", ""),
                (long) r.number("grid-pid", 0),
                Path.of(r.text("node-jar", "node/target/sessiongrid-node.jar")),
                new ArrayList<>(Arrays.asList(r.text("node-jvm-args", "-Xmx2g").trim().split("\\s+"))),
                r.text("redis", "127.0.0.1:6379"),
                r.text("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test"),
                r.text("jdbc-user", "postgres"),
                r.text("jdbc-password", ""),
                Path.of(r.text("out", "bench/results")));
        r.rejectUnknown();
        for (String target : options.targets) {
            if (!List.of("grid", "grid-jdk", "grid-wb", "grid-wt", "redis", "postgres").contains(target)) {
                throw new IllegalArgumentException("Unknown target '" + target + "'; known: grid, grid-jdk, grid-wb, grid-wt, redis, postgres");
            }
        }
        if (options.rate <= 0 || options.threads <= 0) {
            throw new IllegalArgumentException("--rate and --threads must be positive");
        }
        return options;
    }

    /** Reads options and remembers which were used, so a misspelt one fails instead of being ignored. */
    private static final class Reader {
        private final Map<String, String> given;
        private final List<String> used = new ArrayList<>();

        Reader(Map<String, String> given) {
            this.given = given;
        }

        String text(String name, String fallback) {
            used.add(name);
            return given.getOrDefault(name, fallback);
        }

        String choice(String name, String fallback, String... allowed) {
            String value = text(name, fallback);
            if (!Arrays.asList(allowed).contains(value)) {
                throw new IllegalArgumentException("--" + name + " must be one of " + Arrays.toString(allowed) + ", was " + value);
            }
            return value;
        }

        double number(String name, double fallback) {
            String value = text(name, Double.toString(fallback));
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a number, was " + value);
            }
        }

        Duration duration(String name, String fallback) {
            String value = text(name, fallback).trim().toLowerCase();
            try {
                if (value.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
                }
                long n = Long.parseLong(value.substring(0, value.length() - 1));
                return switch (value.charAt(value.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> throw new NumberFormatException();
                };
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--" + name + " must be a duration like 30s, 500ms or 2m, was " + value);
            }
        }

        void rejectUnknown() {
            for (String name : given.keySet()) {
                if (!used.contains(name)) {
                    throw new IllegalArgumentException("Unknown option --" + name + "\n" + USAGE);
                }
            }
        }
    }
}
