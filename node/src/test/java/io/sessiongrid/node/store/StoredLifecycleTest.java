package io.sessiongrid.node.store;

import io.sessiongrid.node.support.RequiresPostgres;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.EntryView;
import com.hazelcast.core.HazelcastInstance;
import io.sessiongrid.client.CreateSessionOptions;
import io.sessiongrid.client.Event;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.client.SessionNotFoundException;
import io.sessiongrid.node.http.problem.ProblemType;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.support.StoreDatabase;
import io.sessiongrid.node.support.TestCluster;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * What durable apps keep in the store while a node runs: deletes, expiry, eviction, consistency.
 * Twin on a container: {@link StoredLifecycleContainerTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresPostgres
class StoredLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private StoreDatabase db;
    private TestNode node;
    private SessionGridClient client;

    StoreDatabase newDatabase() {
        return StoreDatabase.local();
    }

    @BeforeAll
    void start() {
        db = newDatabase();
        int port = TestCluster.freePort();
        Map<String, Object> props = new HashMap<>(db.nodeProperties());
        props.put("sessiongrid.defaults.durability", "WRITE_THROUGH");
        props.put("sessiongrid.apps.wb.durability", "WRITE_BEHIND");
        props.put("sessiongrid.apps.lru.max-sessions-per-member", 248);
        props.put("sessiongrid.apps.short.ttl", "2s");
        props.put("sessiongrid.apps.idle.max-idle", "5s");
        props.put("sessiongrid.apps.memory.durability", "NONE");
        node = TestNode.start("stored-" + port, port, List.of("127.0.0.1:" + port), props);
        client = SessionGridClient.builder().endpoints(node.url()).build();
    }

    @AfterAll
    void stop() {
        client.close();
        node.close();
        db.close();
    }

    private long rows(String app) {
        return db.number("SELECT count(*) FROM sessions WHERE app = '" + app + "'");
    }

    private static Event event(String id) {
        return Event.builder().id(id).author("test").stateDelta("last", id).build();
    }

    @Test
    void appendsRacingFlushesNeverStoreATornSession() throws Exception {
        client.createSession("wb", "racer", "s", Map.of());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int thread = t;
            writers.add(pool.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    client.appendEvent("wb", "racer", "s", event("t" + thread + "-" + i));
                }
                return null;
            }));
        }
        int samples = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        while (System.nanoTime() < deadline) {
            // One statement, one snapshot: the row's version against the events stored with it.
            long torn = db.number("SELECT count(*) FROM sessions s WHERE s.app = 'wb' AND s.user_id = 'racer'"
                    + " AND s.version <> (SELECT count(*) FROM events e WHERE e.app = s.app AND e.user_id = s.user_id"
                    + " AND e.session_id = s.id)");
            assertThat(torn).isZero();
            samples++;
            Thread.sleep(10);
        }
        stop.set(true);
        for (Future<?> f : writers) {
            f.get();
        }
        pool.shutdown();
        long acknowledged = client.getSession("wb", "racer", "s").version();
        await().atMost(Duration.ofSeconds(10)).until(() -> db.number(
                "SELECT count(*) FROM events WHERE app = 'wb' AND user_id = 'racer'") == acknowledged);
        assertThat(samples).isGreaterThan(10);
        assertThat(acknowledged).isGreaterThan(20);
    }

    @Test
    void deletesRemoveRowsAndEvents() {
        client.createSession("del", "ann", "one", Map.of());
        client.appendEvent("del", "ann", "one", event("e1"));
        client.createSession("del", "bob", "a", Map.of());
        client.createSession("del", "bob", "b", Map.of());
        client.createSession("del", "cid", CreateSessionOptions.builder().sessionId("pinned").workerId("w1").build());
        assertThat(db.number("SELECT count(*) FROM sessions WHERE app = 'del' AND worker_id = 'w1'")).isEqualTo(1);
        assertThat(rows("del")).isEqualTo(4);

        client.deleteSession("del", "ann", "one");
        assertThat(rows("del")).isEqualTo(3);
        assertThat(db.number("SELECT count(*) FROM events WHERE app = 'del'")).isZero();
        assertThat(client.deleteUserSessions("del", "bob")).isEqualTo(2);
        assertThat(rows("del")).isEqualTo(1);
        assertThat(client.deleteWorkerSessions("del", "w1")).isEqualTo(1);
        assertThat(rows("del")).isZero();

        client.createSession("del", "dan", "idle", Map.of());
        client.createSession("del", "dan", "evicted", Map.of());
        node.context().getBean(HazelcastInstance.class).getMap("sessions.del").evict(new SessionKey("del", "dan", "evicted"));
        assertThat(client.sweepIdleSessions("del", Duration.ofSeconds(1))).isZero();
        // One idle session in memory, one only in the store: both go, rows included.
        await().pollDelay(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(5))
                .until(() -> client.sweepIdleSessions("del", Duration.ofSeconds(1)) == 2);
        assertThat(rows("del")).isZero();
    }

    @Test
    void expiredRowsAreSweptAndRowsOfSessionsInUseAreExtended() {
        client.createSession("short", "eve", "s", Map.of());
        client.createSession("idle", "fay", "s", Map.of());
        assertThat(rows("short")).isEqualTo(1);
        long idleBefore = db.number("SELECT (extract(epoch from expires_at) * 1000)::bigint FROM sessions WHERE app = 'idle'");
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> client.touchSession("idle", "fay", "s"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> client.getSession("short", "eve", "s")).isInstanceOf(SessionNotFoundException.class));

        // Memory expires on whole seconds, the row to the millisecond: the row may outlive memory briefly.
        await().atMost(Duration.ofSeconds(3)).until(() -> db.number("SELECT count(*) FROM sessions WHERE app = 'short'"
                + " AND expires_at < now()") == 1);
        StoreSweeper.Result result = node.context().getBean(StoreSweeper.class).sweep(System.currentTimeMillis());

        assertThat(result.deleted()).isEqualTo(1);
        assertThat(result.extended()).isEqualTo(1);
        assertThat(rows("short")).isZero();
        long idleAfter = db.number("SELECT (extract(epoch from expires_at) * 1000)::bigint FROM sessions WHERE app = 'idle'");
        // Touched 1.5 s after the create; memory keeps expiry to the second.
        assertThat(idleAfter).isGreaterThanOrEqualTo(idleBefore + 500);
    }

    @Test
    void evictedSessionsComeBackWithEveryEventAndStillCountForTheirUser() {
        for (int i = 0; i < 300; i++) {
            client.createSession("lru", "user" + (i % 100), "s" + i, Map.of("i", i));
            client.appendEvent("lru", "user" + (i % 100), "s" + i, event("a" + i));
            client.appendEvent("lru", "user" + (i % 100), "s" + i, event("b" + i));
        }
        HazelcastInstance hz = node.context().getBean(HazelcastInstance.class);
        for (int i = 0; i < 6; i++) {
            client.createSession("lru", "crowd", "c" + i, Map.of());
            hz.getMap("sessions.lru").evict(new SessionKey("lru", "crowd", "c" + i));
        }
        long inMemory = hz.getMap("sessions.lru").getLocalMapStats().getOwnedEntryCount();
        assertThat(inMemory).isLessThan(300);
        assertThat(rows("lru")).isEqualTo(306);

        for (int i = 0; i < 300; i++) {
            Session s = client.getSession("lru", "user" + (i % 100), "s" + i);
            assertThat(s.version()).isEqualTo(2);
            assertThat(s.events()).extracting(Event::id).containsExactly("a" + i, "b" + i);
            assertThat(s.state().get("i").asInt()).isEqualTo(i);
        }
        assertThat(client.countUserSessions("lru", "crowd")).isEqualTo(6);
        assertThat(client.deleteUserSessions("lru", "crowd")).isEqualTo(6);
        assertThat(db.number("SELECT count(*) FROM sessions WHERE app = 'lru' AND user_id = 'crowd'")).isZero();
    }

    @Test
    void aLoadedSessionKeepsItsAbsoluteLifetime() {
        Session created = client.createSession("ttl", "gus", CreateSessionOptions.builder().sessionId("s")
                .ttl(Duration.ofHours(1)).build());
        HazelcastInstance hz = node.context().getBean(HazelcastInstance.class);
        SessionKey key = new SessionKey("ttl", "gus", "s");
        hz.getMap("sessions.ttl").evict(key);
        assertThat(hz.getMap("sessions.ttl").getEntryView(key)).isNull();

        Session loaded = client.getSession("ttl", "gus", "s");
        assertThat(loaded.createTime()).isEqualTo(created.createTime());
        assertThat(loaded.ttl()).isEqualTo(Duration.ofHours(1));
        EntryView<Object, Object> view = hz.getMap("sessions.ttl").getEntryView(key);
        // Hazelcast keeps expiration times to the second.
        assertThat(view.getExpirationTime()).isCloseTo((long) ((created.createTime() + 3600) * 1000), within(1000L));
    }

    /**
     * Values PostgreSQL refuses (numbers beyond numeric, half a surrogate pair, NUL) are refused at the door
     * in every app, so a write-behind store never meets them: it stays healthy and stores what follows.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            events | {"id":"e","actions":{"stateDelta":{"n":1e999999}}}         | 400 | invalid-request
            events | {"id":"e","actions":{"stateDelta":{"user:n":1e-16384}}}    | 400 | invalid-request
            events | {"id":"e","content":{"parts":[{"text":"cut \\ud83d"}]}}  | 400 | malformed-json
            events | {"id":"e","actions":{"stateDelta":{"app:a\\u0000b":1}}}   | 400 | invalid-request
            events | {"id":"e","content":"\\u0000"}                           | 400 | invalid-request
            events | {"id":"e"}{"id":"f"}                                       | 400 | malformed-json
            events | {"id":"e","id":"f"}                                        | 400 | malformed-json
            patch  | {"state":{"k":"\\udc00"}}                                | 400 | malformed-json
            patch  | {"state":{"app:k":-1E+131072}}                             | 400 | invalid-request
            create | {"sessionId":"x","state":{"user:k":"a\\u0000"}}          | 400 | invalid-request
            """)
    void jsonTheStoreCannotHoldIsRefusedInEveryAppAndTheStoreStaysHealthy(String route, String body, int status,
                                                                          String type) throws Exception {
        StoreHealth health = node.context().getBean(StoreHealth.class);
        long failures = health.failures();
        for (String app : List.of("wb", "nul", "memory")) {
            String user = "poison-" + route;
            String base = "/v1/apps/" + app + "/users/" + user + "/sessions";
            if (send("GET", base + "/s", null).statusCode() == 404) {
                assertThat(send("POST", base, "{\"sessionId\":\"s\"}").statusCode()).isEqualTo(201);
            }
            long version = client.getSession(app, user, "s").version();
            HttpResponse<String> refused = switch (route) {
                case "events" -> send("POST", base + "/s/events", body);
                case "patch" -> send("PATCH", base + "/s", body);
                default -> send("POST", base, body);
            };

            assertThat(refused.statusCode()).as(app + ": " + refused.body()).isEqualTo(status);
            assertThat(JSON.readTree(refused.body()).path("type").asText()).isEqualTo(ProblemType.BASE + type);
            assertThat(client.getSession(app, user, "s").version()).isEqualTo(version);
            assertThat(client.countUserSessions(app, user)).isEqualTo(1);
            assertThat(client.getUserState(app, user)).isEmpty();
            assertThat(client.getAppState(app)).isEmpty();
        }
        // The write-behind app's store took nothing bad and takes the next append.
        HttpResponse<String> next = send("POST", "/v1/apps/wb/users/poison-" + route + "/sessions/s/events",
                "{\"author\":\"t\",\"actions\":{\"stateDelta\":{\"n\":1e131071,\"f\":1e-16383,\"e\":\"\\ud83d\\ude00\"}}}");
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        long acknowledged = client.getSession("wb", "poison-" + route, "s").version();
        await().atMost(Duration.ofSeconds(10)).until(() -> db.number("SELECT count(*) FROM events WHERE app = 'wb'"
                + " AND user_id = 'poison-" + route + "'") == acknowledged);
        assertThat(db.number("SELECT count(*) FROM sessions WHERE app = 'wb' AND user_id = 'poison-" + route
                + "' AND state->>'e' = U&'\\+01F600'")).isEqualTo(1);
        assertThat(health.available()).isTrue();
        assertThat(health.failures()).isEqualTo(failures);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
