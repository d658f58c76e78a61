package io.sessiongrid.bench.load;

import io.sessiongrid.bench.report.ChartReport;
import io.sessiongrid.bench.report.JsonReport;
import io.sessiongrid.bench.report.RunResult;
import io.sessiongrid.bench.report.TableReport;
import io.sessiongrid.bench.store.GridStore;
import io.sessiongrid.bench.store.PostgresStore;
import io.sessiongrid.bench.store.RedisStore;
import io.sessiongrid.bench.store.SessionStore;
import io.sessiongrid.bench.workload.AgentWorkload;
import io.sessiongrid.bench.workload.LongSessionWorkload;
import io.sessiongrid.bench.workload.WebWorkload;
import io.sessiongrid.bench.workload.Workload;
import io.sessiongrid.client.HttpTransport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one workload against each target in turn, on this machine, and reports them side by side:
 * a table with ratios to Redis, results.json and latency.png.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String runId = Long.toString(System.currentTimeMillis(), 36);
        List<RunResult> results = new ArrayList<>();
        LoadDriver driver = new LoadDriver(options.threads(), options.maxOutstanding(), options.warmup(), options.duration());
        for (String target : options.targets()) {
            System.out.printf("== %s: %s workload, %s loop%s, %s measured after %s warm-up%n", target, options.workload(),
                    options.mode(), options.mode().equals("open") ? String.format(Locale.ROOT, " at %.0f ops/s", options.rate()) : "",
                    options.duration(), options.warmup());
            try (Target t = Target.open(target, options, runId)) {
                SessionStore store = t.store();
                store.reset();
                Workload workload = workload(options, runId + "-" + target);
                workload.prepare(store, Math.min(options.threads(), 32));
                RunResult result = options.mode().equals("open")
                        ? driver.open(store, workload, options.rate(), t.cpu())
                        : driver.closed(store, workload, t.cpu());
                results.add(result);
                System.out.print(TableReport.render(List.of(result), "redis"));
            }
        }
        System.out.println();
        System.out.println("== " + options.workload() + ", " + options.mode() + " loop: all targets");
        System.out.print(TableReport.render(results, "redis"));
        String command = "sessiongrid-bench " + String.join(" ", args);
        JsonReport.write(options.out().resolve("results.json"), command, results);
        ChartReport.write(options.out().resolve("latency.png"), options.workload() + " workload, " + options.mode()
                + " loop" + (options.mode().equals("open") ? String.format(Locale.ROOT, ", %.0f ops/s", options.rate()) : ""), results);
        System.out.println("Wrote " + options.out().resolve("results.json") + " and " + options.out().resolve("latency.png"));
    }

    private static Workload workload(BenchOptions options, String runId) {
        return switch (options.workload()) {
            case "agent" -> new AgentWorkload(runId, options.conversations());
            case "web" -> new WebWorkload(runId, options.webSessions());
            case "long-session" -> new LongSessionWorkload(runId, options.longSessions(), options.longEvents());
            default -> throw new IllegalArgumentException(options.workload());
        };
    }

    /** A store and, for the grid, the node process the bench started for it (and its store schema). */
    private record Target(SessionStore store, NodeLauncher node, Runnable cleanup, ServerCpu cpu) implements AutoCloseable {

        Target(SessionStore store, NodeLauncher node, ServerCpu cpu) {
            this(store, node, () -> { }, cpu);
        }

        static Target open(String name, BenchOptions o, String runId) {
            int pool = o.threads();
            return switch (name) {
                case "grid" -> {
                    if (!o.gridEndpoint().isEmpty()) {
                        yield new Target(new GridStore(o.gridEndpoint()), null, o.gridPid() > 0
                                ? ServerCpu.process("node process " + o.gridPid(), o.gridPid()) : ServerCpu.none());
                    }
                    NodeLauncher node = NodeLauncher.start(o.nodeJar(), o.nodeJvmArgs(), o.out().resolve("grid-node.log"));
                    yield new Target(new GridStore(node.url()), node, ServerCpu.process("node process", node.pid()));
                }
                case "grid-jdk" -> {
                    NodeLauncher node = NodeLauncher.start(o.nodeJar(), o.nodeJvmArgs(), o.out().resolve("grid-jdk-node.log"));
                    yield new Target(new GridStore("grid-jdk", List.of(node.url()), HttpTransport.JDK_HTTP_CLIENT), node,
                            ServerCpu.process("node process", node.pid()));
                }
                case "grid-wb", "grid-wt" -> {
                    String schema = "sg_bench_" + runId + "_" + name.substring(5);
                    List<String> jvm = new ArrayList<>(o.nodeJvmArgs());
                    jvm.addAll(List.of("-Dsessiongrid.store.jdbc-url=" + o.jdbcUrl(),
                            "-Dsessiongrid.store.username=" + o.jdbcUser(),
                            "-Dsessiongrid.store.password=" + o.jdbcPassword(),
                            "-Dsessiongrid.store.schema=" + schema,
                            "-Dsessiongrid.store.pool-size=" + Math.max(8, pool),
                            "-Dsessiongrid.defaults.durability=" + (name.equals("grid-wb") ? "WRITE_BEHIND" : "WRITE_THROUGH")));
                    NodeLauncher node = NodeLauncher.start(o.nodeJar(), jvm, o.out().resolve(name + "-node.log"));
                    yield new Target(new GridStore(name, List.of(node.url())), node,
                            () -> PostgresStore.dropSchema(o.jdbcUrl(), o.jdbcUser(), o.jdbcPassword(), schema),
                            ServerCpu.sum(ServerCpu.process("node process", node.pid()), ServerCpu.named("postgres")));
                }
                case "redis" -> {
                    String[] hostPort = o.redis().split(":");
                    yield new Target(new RedisStore(hostPort[0], Integer.parseInt(hostPort[1]), pool), null,
                            ServerCpu.named("redis-server"));
                }
                case "postgres" -> new Target(new PostgresStore(o.jdbcUrl(), o.jdbcUser(), o.jdbcPassword(), pool), null,
                        ServerCpu.named("postgres"));
                default -> throw new IllegalArgumentException(name);
            };
        }

        @Override
        public void close() {
            store.close();
            if (node != null) {
                node.close();
            }
            cleanup.run();
        }
    }
}
