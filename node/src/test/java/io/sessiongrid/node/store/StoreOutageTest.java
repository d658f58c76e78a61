package io.sessiongrid.node.store;

import io.sessiongrid.node.support.RequiresPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.support.StoreDatabase;
import io.sessiongrid.node.support.TcpProxy;
import io.sessiongrid.node.support.TestCluster;
import io.sessiongrid.node.support.TestNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The store goes away under a two-member cluster (a TCP proxy between the nodes and PostgreSQL is cut)
 * and comes back: write-behind apps keep accepting writes from memory and lose none of them,
 * write-through apps refuse (503 store-unavailable) and change nothing on either replica, and the
 * write-behind backlog is bounded (503 store-backlog) and drains afterwards. Single-node tests pin
 * down, minimally, what an outage breaks beyond that (readiness, creates and reads of write-behind
 * apps, a connection cut in the middle of a write-through store).
 */
@RequiresPostgres
class StoreOutageTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEMS = "https://sessiongrid.io/problems/";
    /** The Retry-After the nodes send, {@code sessiongrid.store.retry-after}. */
    private static final String RETRY_AFTER = "2";

    private final StoreDatabase db = newDatabase();
    private final TcpProxy proxy = TcpProxy.forJdbcUrl(db.url());
    private final List<TestNode> nodes = new ArrayList<>();

    /** Where the store lives; the container twin overrides it. */
    StoreDatabase newDatabase() {
        return StoreDatabase.local();
    }

    @AfterEach
    void stop() {
        proxy.restore();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            try {
                nodes.get(i).close();
            } catch (RuntimeException e) {
                // A node whose member was terminated may not close cleanly; the others still must.
            }
        }
        proxy.close();
        db.close();
    }

    /** {@code size} nodes, one cluster, whose store is reached through the proxy; ready when returned. */
    private List<TestNode> cluster(int size, Map<String, Object> extra) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ports.add(TestCluster.freePort());
        }
        List<String> members = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        Map<String, Object> props = new HashMap<>(db.nodeProperties(proxy.jdbcUrl(db.url())));
        props.put("sessiongrid.store.connect-timeout", "1s");
        props.put("sessiongrid.store.retry-after", RETRY_AFTER + "s");
        props.putAll(extra);
        for (int port : ports) {
            nodes.add(TestNode.start("outage-" + ports.get(0), port, members, props));
        }
        for (TestNode node : nodes) {
            await().atMost(Duration.ofSeconds(20)).until(() -> hazelcast(node).getCluster().getMembers().size() == size
                    && get(node, "/health/readiness").statusCode() == 200);
        }
        return List.copyOf(nodes);
    }

    /**
     * Lets the pool notice the connections the cut closed: HikariCP hands out a connection used within
     * the last 500 ms without checking it, and a statement on it fails midway (see
     * {@link #aWriteThroughAppendOnAConnectionCutMidCallAnswers503}); older ones are checked first.
     */
    private static void letThePoolSeeTheCut() throws InterruptedException {
        Thread.sleep(600);
    }

    /** {@code count} user ids whose sessions of {@code app} the node's member owns (partitioned by app and user). */
    private static List<String> usersOwnedBy(TestNode node, String app, int count) {
        HazelcastInstance hz = hazelcast(node);
        List<String> users = new ArrayList<>();
        for (int i = 0; users.size() < count; i++) {
            Member owner = hz.getPartitionService().getPartition(new SessionKey(app, "u" + i, "s")).getOwner();
            if (owner.localMember()) {
                users.add("u" + i);
            }
        }
        return users;
    }

    // ---------------------------------------------------------------------------------------------
    // write-behind
    // ---------------------------------------------------------------------------------------------

    @Test
    void writeBehindAppendsAreAcknowledgedFromMemoryDuringAnOutageAndNoneIsLost() throws Exception {
        List<TestNode> cluster = cluster(2, Map.of("sessiongrid.apps.wb.durability", "WRITE_BEHIND"));
        // Two users owned by each member, so both members have writes to store (and fail to).
        List<String> users = new ArrayList<>(usersOwnedBy(cluster.get(0), "wb", 2));
        users.addAll(usersOwnedBy(cluster.get(1), "wb", 2));
        List<String> acknowledged = new ArrayList<>();
        for (int u = 0; u < users.size(); u++) {
            for (String session : List.of("s1", "s2")) {
                assertThat(create(cluster.get(u % 2), "wb", users.get(u), session).statusCode()).isEqualTo(201);
                acknowledged.add(append(cluster.get(u % 2), "wb", users.get(u), session, "b0", 1));
            }
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> storedEvents("wb").size() == 8);

        proxy.cut();
        // Through both nodes, to sessions owned by either member: acknowledged from memory.
        for (int round = 1; round <= 3; round++) {
            for (int u = 0; u < users.size(); u++) {
                for (String session : List.of("s1", "s2")) {
                    acknowledged.add(append(cluster.get((u + round) % 2), "wb", users.get(u), session, "d" + round, 1 + round));
                }
            }
        }
        // Hazelcast tries the store after the write delay (1 s) and keeps failing while the proxy is cut.
        SoftAssertions readiness = new SoftAssertions();
        for (TestNode node : cluster) {
            await().atMost(Duration.ofSeconds(15)).until(() -> "UNAVAILABLE".equals(storeHealth(node).path("status").asText()));
            JsonNode store = storeHealth(node).path("details");
            assertThat(store.path("available").asBoolean()).isFalse();
            assertThat(store.path("failures").asLong()).isPositive();
            assertThat(store.path("failingSince").asText()).isNotEmpty();
            assertThat(store.path("lastError").asText()).isNotEmpty();
            assertThat(store.path("pendingWrites").asLong()).isPositive();
            // Soft, so that the loss check below runs too: see readinessDoesNotFollowTheStore.
            HttpResponse<String> ready = get(node, "/health/readiness");
            readiness.assertThat(ready.statusCode()).as("/health/readiness " + ready.body()).isEqualTo(200);
            // Operational: the body names the store UNAVAILABLE, the answer stays 200.
            readiness.assertThat(JSON.readTree(ready.body()).path("status").asText()).isIn("UP", "UNAVAILABLE");
        }
        assertThat(storedEvents("wb")).hasSize(8);

        proxy.restore();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> storedEvents("wb").size() >= acknowledged.size());
        assertThat(acknowledged).hasSize(32);
        assertThat(storedEvents("wb")).containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(db.number("SELECT count(*) FROM sessions WHERE app = 'wb' AND version = 4")).isEqualTo(8);
        assertThat(db.number("SELECT count(*) FROM sessions WHERE app = 'wb'")).isEqualTo(8);
        for (TestNode node : cluster) {
            await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(storeHealth(node).path("status").asText())
                    && storeHealth(node).path("details").path("pendingWrites").asLong() == 0);
        }
        readiness.assertAll();
    }

    /**
     * The store is UNAVAILABLE on /health, and readiness stays UP (the node serves memory, and
     * write-behind apps keep taking appends), or an orchestrator would take every node out at once.
     */
    @Test
    void readinessDoesNotFollowTheStore() throws Exception {
        TestNode node = cluster(1, Map.of("sessiongrid.apps.wb.durability", "WRITE_BEHIND")).get(0);
        assertThat(create(node, "wb", "alice", "s1").statusCode()).isEqualTo(201);

        proxy.cut();
        append(node, "wb", "alice", "s1", "e0", 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> "UNAVAILABLE".equals(storeHealth(node).path("status").asText()));
        HttpResponse<String> ready = get(node, "/health/readiness");
        proxy.restore();
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).path("details").path("store").path("status").asText()).as(ready.body())
                .isIn("", "UNAVAILABLE");
    }

    /**
     * During an outage a write-behind app still creates sessions with generated ids and reads and
     * appends to those in memory. A create with the caller's id must ask the store whether an evicted
     * session holds it, so it answers 503 store-unavailable and creates nothing.
     */
    @Test
    void writeBehindCreatesAndReadsKeepWorkingDuringAnOutage() throws Exception {
        TestNode node = cluster(1, Map.of("sessiongrid.apps.wb.durability", "WRITE_BEHIND")).get(0);
        assertThat(create(node, "wb", "alice", "s1").statusCode()).isEqualTo(201);
        append(node, "wb", "alice", "s1", "e0", 1);

        proxy.cut();
        letThePoolSeeTheCut();
        SoftAssertions soft = new SoftAssertions();
        HttpResponse<String> created = create(node, "wb", "alice", "s2");
        soft.assertThat(created.statusCode()).as("create with an id: " + created.body()).isEqualTo(503);
        soft.assertThat(created.body()).contains("https://sessiongrid.io/problems/store-unavailable");
        soft.assertThat(created.headers().firstValue("Retry-After")).contains("2");
        HttpResponse<String> generated = post(node, "/v1/apps/wb/users/bob/sessions", "{}");
        soft.assertThat(generated.statusCode()).as("create with a generated id: " + generated.body()).isEqualTo(201);
        HttpResponse<String> read = get(node, "/v1/apps/wb/users/alice/sessions/s1");
        soft.assertThat(read.statusCode()).as("get of a session in memory: " + read.body()).isEqualTo(200);
        // Appends to sessions in memory do work (writeBehindAppendsAreAcknowledged...).
        soft.assertThat(post(node, "/v1/apps/wb/users/alice/sessions/s1/events", event("e1")).statusCode()).isEqualTo(200);
        proxy.restore();
        await().atMost(Duration.ofSeconds(15)).until(() -> get(node, "/v1/apps/wb/users/alice/sessions/s2").statusCode() == 404);
        soft.assertAll();
    }

    // ---------------------------------------------------------------------------------------------
    // write-through
    // ---------------------------------------------------------------------------------------------

    @Test
    void writeThroughRefusesDuringAnOutageAndLeavesBothReplicasUnchanged() throws Exception {
        List<TestNode> cluster = cluster(2, Map.of("sessiongrid.apps.wt.durability", "WRITE_THROUGH"));
        TestNode a = cluster.get(0);
        TestNode b = cluster.get(1);
        assertThat(create(a, "wt", "alice", "s1").statusCode()).isEqualTo(201);
        List<String> acknowledged = new ArrayList<>();
        acknowledged.add(append(a, "wt", "alice", "s1", "e0", 1));
        acknowledged.add(append(b, "wt", "alice", "s1", "e1", 2));
        assertThat(storedEvents("wt")).containsExactlyElementsOf(acknowledged);

        // The member that owns the session makes the store calls; the other one holds its backup.
        SessionKey key = new SessionKey("wt", "alice", "s1");
        Member owner = hazelcast(a).getPartitionService().getPartition(key).getOwner();
        TestNode primary = owner.getUuid().equals(hazelcast(a).getCluster().getLocalMember().getUuid()) ? a : b;
        TestNode backup = primary == a ? b : a;

        proxy.cut();
        letThePoolSeeTheCut();
        for (TestNode node : List.of(primary, backup)) {
            HttpResponse<String> refused = post(node, "/v1/apps/wt/users/alice/sessions/s1/events", event("e2"));
            assertProblem(refused, "store-unavailable");
            // A state patch (web sessions) is refused the same way and changes nothing either.
            HttpResponse<String> patch = HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "/v1/apps/wt/users/alice/sessions/s1"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/merge-patch+json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"state\":{\"patched\":true}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertProblem(patch, "store-unavailable");
        }
        assertThat(storeHealth(primary).path("status").asText()).isEqualTo("UNAVAILABLE");
        proxy.restore();

        assertThat(versionAndEvents(a, "wt", "alice", "s1")).isEqualTo("2 [e0, e1]");
        assertThat(versionAndEvents(b, "wt", "alice", "s1")).isEqualTo("2 [e0, e1]");
        assertThat(get(a, "/v1/apps/wt/users/alice/sessions/s1").body()).doesNotContain("patched");
        assertThat(storedEvents("wt")).containsExactlyElementsOf(acknowledged);

        // The backup replica: the owner dies without handing over, the other member promotes its copy.
        double loadedBefore = loaded(backup);
        hazelcast(primary).getLifecycleService().terminate();
        await().atMost(Duration.ofSeconds(15)).until(() -> hazelcast(backup).getCluster().getMembers().size() == 1);
        TestNode survivor = backup;

        assertThat(versionAndEvents(survivor, "wt", "alice", "s1")).isEqualTo("2 [e0, e1]");
        // Read from the promoted backup, not loaded again from the table (which holds the same).
        assertThat(loaded(survivor)).isEqualTo(loadedBefore);

        acknowledged.add(append(survivor, "wt", "alice", "s1", "e2", 3));
        assertThat(versionAndEvents(survivor, "wt", "alice", "s1")).isEqualTo("3 [e0, e1, e2]");
        assertThat(storedEvents("wt")).containsExactlyElementsOf(acknowledged);
        assertThat(storeHealth(survivor).path("status").asText()).isEqualTo("UP");
    }

    /**
     * Minimal: the cut kills the connection a write-through append is about to use (used within the
     * last 500 ms, so the pool hands it out unchecked). The append must still be a 503 with Retry-After,
     * counted on /health, and change nothing.
     */
    @Test
    void aWriteThroughAppendOnAConnectionCutMidCallAnswers503() throws Exception {
        TestNode node = cluster(1, Map.of("sessiongrid.apps.wt.durability", "WRITE_THROUGH")).get(0);
        assertThat(create(node, "wt", "alice", "s1").statusCode()).isEqualTo(201);
        append(node, "wt", "alice", "s1", "e0", 1);

        proxy.cut();
        HttpResponse<String> refused = post(node, "/v1/apps/wt/users/alice/sessions/s1/events", event("e1"));
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        soft.assertThat(JSON.readTree(refused.body()).path("type").asText()).isEqualTo(PROBLEMS + "store-unavailable");
        soft.assertThat(refused.headers().firstValue("Retry-After")).hasValue(RETRY_AFTER);
        soft.assertThat(storeHealth(node).path("status").asText()).as("/health store").isEqualTo("UNAVAILABLE");
        proxy.restore();
        soft.assertThat(versionAndEvents(node, "wt", "alice", "s1")).isEqualTo("1 [e0]");
        soft.assertThat(storedEvents("wt")).containsExactly("alice/s1/1/e0");
        soft.assertAll();
    }

    /**
     * One app is WRITE_THROUGH, so the shared app-state map is; a WRITE_BEHIND app's {@code app:} delta
     * during an outage must still be acknowledged from memory (its event is stored) and reach the table
     * once the store is back, not answer 503 for an event it kept.
     */
    @Test
    void aWriteBehindAppsAppLayerDoesNotInheritAnotherAppsWriteThrough() throws Exception {
        TestNode node = cluster(1, Map.of("sessiongrid.apps.wt.durability", "WRITE_THROUGH",
                "sessiongrid.apps.wb.durability", "WRITE_BEHIND")).get(0);
        assertThat(create(node, "wb", "alice", "s1").statusCode()).isEqualTo(201);

        proxy.cut();
        letThePoolSeeTheCut();
        HttpResponse<String> appended = post(node, "/v1/apps/wb/users/alice/sessions/s1/events",
                "{\"id\":\"e1\",\"author\":\"user\",\"actions\":{\"stateDelta\":{\"app:theme\":\"dark\"}}}");
        assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
        assertThat(JSON.readTree(get(node, "/v1/apps/wb/state").body()).path("state").path("theme").asText()).isEqualTo("dark");
        proxy.restore();

        await().atMost(Duration.ofSeconds(20)).until(() ->
                "dark".equals(db.text("SELECT state->>'theme' FROM app_states WHERE app = 'wb'")));
    }

    // ---------------------------------------------------------------------------------------------
    // backlog bound
    // ---------------------------------------------------------------------------------------------

    @Test
    void theWriteBehindBacklogIsBoundedAndDrainsAfterTheOutage() throws Exception {
        int sessions = 60;
        List<TestNode> cluster = cluster(2, Map.of("sessiongrid.apps.wb.durability", "WRITE_BEHIND",
                "sessiongrid.store.max-pending-writes", 20));
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            TestNode node = cluster.get(i % 2);
            String user = "u" + i;
            // The creates themselves wait for the store: past the bound one gets 503 and creates nothing.
            await().atMost(Duration.ofSeconds(15)).until(() -> create(node, "wb", user, "s").statusCode() == 201);
        }
        await().atMost(Duration.ofSeconds(15))
                .until(() -> db.number("SELECT count(*) FROM sessions WHERE app = 'wb'") == sessions);
        // The creates' own backlog is gone from the next sample, so the outage starts from zero.
        for (TestNode node : cluster) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> storeHealth(node).path("details").path("pendingWrites").asLong() == 0);
        }

        proxy.cut();
        int[] versions = new int[sessions];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<HttpResponse<String>> refusal = new AtomicReference<>();
        // Distinct sessions, through both nodes, until one refuses; the backlog is sampled every 500 ms.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10)).until(() -> {
            int n = next.getAndIncrement();
            int i = n % sessions;
            String id = "e" + n;
            HttpResponse<String> r = post(cluster.get(n % 2), "/v1/apps/wb/users/u" + i + "/sessions/s/events", event(id));
            if (r.statusCode() == 200) {
                versions[i]++;
                assertThat(r.headers().firstValue("ETag")).hasValue("\"" + versions[i] + "\"");
                acknowledged.add("u" + i + "/s/" + versions[i] + "/" + id);
                return false;
            }
            refusal.set(r);
            return true;
        });
        assertProblem(refusal.get(), "store-backlog");
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(20);
        JsonNode pending = storeHealth(cluster.get(0)).path("details");
        assertThat(pending.path("maxPendingWrites").asInt()).isEqualTo(20);
        // Creates are refused as well while the backlog is full (on the node that said so).
        TestNode full = cluster.stream().filter(n -> storeHealth(n).path("details").path("pendingWrites").asLong() >= 20)
                .findFirst().orElseThrow();
        assertProblem(create(full, "wb", "late", "s"), "store-backlog");
        assertThat(storedEvents("wb")).isEmpty();

        proxy.restore();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> storedEvents("wb").size() >= acknowledged.size());
        assertThat(storedEvents("wb")).containsExactlyInAnyOrderElementsOf(acknowledged);
        for (TestNode node : cluster) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> storeHealth(node).path("details").path("pendingWrites").asLong() == 0);
        }
        // Accepted again, and stored.
        for (TestNode node : cluster) {
            int i = cluster.indexOf(node);
            versions[i]++;
            acknowledged.add(append(node, "wb", "u" + i, "s", "after" + i, versions[i]));
        }
        assertThat(versionAndEvents(full, "wb", "u0", "s")).startsWith(versions[0] + " ");
        assertThat(create(full, "wb", "late", "s").statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(15)).until(() -> storedEvents("wb").size() == acknowledged.size()
                && db.number("SELECT count(*) FROM sessions WHERE app = 'wb'") == sessions + 1);
        assertThat(storedEvents("wb")).containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(db.number("SELECT count(*) FROM sessions WHERE app = 'wb' AND user_id = 'late'")).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------

    private static HazelcastInstance hazelcast(TestNode node) {
        return node.context().getBean(HazelcastInstance.class);
    }

    /** Sessions this node loaded from the store so far. */
    private static double loaded(TestNode node) {
        return node.context().getBean(MeterRegistry.class).find("sessiongrid.store.loaded").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static String event(String id) {
        return "{\"id\":\"" + id + "\",\"author\":\"a\",\"timestamp\":100.0,\"actions\":{\"stateDelta\":{\"last\":\"" + id + "\"}}}";
    }

    private static HttpResponse<String> create(TestNode node, String app, String user, String session) throws IOException,
            InterruptedException {
        return post(node, "/v1/apps/" + app + "/users/" + user + "/sessions", "{\"sessionId\":\"" + session + "\"}");
    }

    /** Appends an event that must be acknowledged at {@code version}; returns it as the table row it must become. */
    private static String append(TestNode node, String app, String user, String session, String id, long version)
            throws IOException, InterruptedException {
        HttpResponse<String> r = post(node, "/v1/apps/" + app + "/users/" + user + "/sessions/" + session + "/events", event(id));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("ETag")).hasValue("\"" + version + "\"");
        return user + "/" + session + "/" + version + "/" + id;
    }

    /**
     * "version [event ids]" of a session as a node reads it once the store answers it again (a read
     * loads the user's, app's and route's entries memory lacks): right after a restore, a call may still
     * get a pooled connection the cut killed, and a 503 store-unavailable.
     */
    private static String versionAndEvents(TestNode node, String app, String user, String session) {
        AtomicReference<String> out = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> r = get(node, "/v1/apps/" + app + "/users/" + user + "/sessions/" + session);
            JsonNode body = JSON.readTree(r.body());
            if (r.statusCode() == 503 && body.path("type").asText().equals(PROBLEMS + "store-unavailable")) {
                return false;
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            List<String> ids = new ArrayList<>();
            body.path("events").forEach(e -> ids.add(e.path("id").asText()));
            out.set(body.path("version").asLong() + " " + ids);
            return true;
        });
        return out.get();
    }

    private static void assertProblem(HttpResponse<String> r, String type) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(JSON.readTree(r.body()).path("type").asText()).isEqualTo(PROBLEMS + type);
        assertThat(r.headers().firstValue("Retry-After")).hasValue(RETRY_AFTER);
    }

    /** The store component of /health (which answers 503 while any component is down). */
    private static JsonNode storeHealth(TestNode node) {
        try {
            return JSON.readTree(get(node, "/health").body()).path("details").path("store");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "user/session/seq/id" of every stored event of the app, by user, session and seq. */
    private List<String> storedEvents(String app) {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT user_id, session_id, seq, id FROM events WHERE app = ?"
                     + " ORDER BY user_id, session_id, seq")) {
            ps.setString(1, app);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getLong(3) + "/" + rs.getString(4));
                }
            }
        } catch (SQLException e) {
            // The schema appears with the first node.
            if (!"42P01".equals(e.getSQLState())) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static HttpResponse<String> post(TestNode node, String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(TestNode node, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
