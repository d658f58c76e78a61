package io.sessiongrid.bench.load;

import io.sessiongrid.bench.store.PostgresStore;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionGridClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Time to reload sessions after a full restart: a node starts on a store holding N sessions of a
 * WRITE_BEHIND app (two events each, all used within the eager-load window) and is timed from process
 * start to readiness, which waits for the load. The baseline is the same node on the same schema while
 * it is empty, in the same run; the difference is the load.
 *
 * <pre>java -cp bench/target/sessiongrid-bench.jar io.sessiongrid.bench.load.ReloadBench [sessions] [jdbcUrl] [user]</pre>
 */
public final class ReloadBench {

    private ReloadBench() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String url = args.length > 1 ? args[1] : "jdbc:postgresql://127.0.0.1:5432/test";
        String user = args.length > 2 ? args[2] : "postgres";
        Path jar = Path.of("node/target/sessiongrid-node.jar");
        Path out = Path.of("bench/results");
        Files.createDirectories(out);
        String schema = "sg_bench_reload_" + ProcessHandle.current().pid();
        List<String> jvm = new ArrayList<>(List.of("-Xmx2g",
                "-Dsessiongrid.store.jdbc-url=" + url, "-Dsessiongrid.store.username=" + user,
                "-Dsessiongrid.store.schema=" + schema, "-Dsessiongrid.apps.reload.durability=WRITE_BEHIND",
                "-Dsessiongrid.apps.reload.eager-load-window=1h"));
        try {
            double empty = timeToReady(jar, jvm, out.resolve("reload-empty-node.log"), null);
            fill(url, user, schema, sessions);
            double full = timeToReady(jar, jvm, out.resolve("reload-full-node.log"), "u" + (sessions / 2));
            System.out.printf(Locale.ROOT, "%nReload after a full restart: %,d sessions (2 events each)%n", sessions);
            System.out.printf(Locale.ROOT, "  start to ready, empty store : %6.1f s%n", empty);
            System.out.printf(Locale.ROOT, "  start to ready, full store  : %6.1f s%n", full);
            System.out.printf(Locale.ROOT, "  load                        : %6.1f s  (%,.0f sessions/s)%n", full - empty,
                    sessions / Math.max(0.001, full - empty));
        } finally {
            PostgresStore.dropSchema(url, user, "", schema);
        }
    }

    /** Starts a node, waits until it is ready, checks one session when asked, stops it. */
    private static double timeToReady(Path jar, List<String> jvm, Path log, String checkUser) {
        long start = System.nanoTime();
        try (NodeLauncher node = NodeLauncher.start(jar, jvm, log)) {
            double seconds = (System.nanoTime() - start) / 1e9;
            if (checkUser != null) {
                try (SessionGridClient client = SessionGridClient.builder().endpoints(node.url()).build()) {
                    Session s = client.getSession("reload", checkUser, "s");
                    if (s.events().size() != 2 || s.version() != 2) {
                        throw new IllegalStateException("Reloaded session is wrong: " + s);
                    }
                }
            }
            return seconds;
        }
    }

    /** Writes the sessions straight into the node's tables, as a cluster that ran before left them. */
    private static void fill(String url, String user, String schema, int sessions) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
            s.execute("INSERT INTO sessions (app, user_id, id, state, version, create_time, update_time, last_access_time,"
                    + " expires_at, ttl_seconds, max_idle_seconds, dropped_events)"
                    + " SELECT 'reload', 'u' || g, 's', '{\"topic\":\"bench\",\"turn\":2}'::jsonb, 2,"
                    + " extract(epoch from now()), extract(epoch from now()), extract(epoch from now()), NULL, 0, 0, 0"
                    + " FROM generate_series(1, " + sessions + ") g");
            s.execute("INSERT INTO events (app, user_id, session_id, seq, id, timestamp, appended_at, event)"
                    + " SELECT 'reload', 'u' || g, 's', k, 'e' || k, extract(epoch from now()), extract(epoch from now()),"
                    + " ('{\"id\":\"e' || k || '\",\"author\":\"agent\",\"content\":{\"parts\":[{\"text\":\"hello\"}]}}')::jsonb"
                    + " FROM generate_series(1, " + sessions + ") g, generate_series(1, 2) k");
            s.execute("ANALYZE sessions");
            s.execute("ANALYZE events");
        }
    }
}
