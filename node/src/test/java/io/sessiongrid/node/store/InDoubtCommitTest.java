package io.sessiongrid.node.store;

import io.sessiongrid.node.support.RequiresPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessiongrid.node.support.StoreDatabase;
import io.sessiongrid.node.support.TcpProxy;
import io.sessiongrid.node.support.TestCluster;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A WRITE_THROUGH app whose COMMITs lose their answer: the node's JDBC URL has {@code socketTimeout=1}
 * and a deferred trigger makes chosen events' COMMITs take 2 s (and may then fail them); once, the
 * database goes out of reach (a TCP proxy is cut) while a COMMIT runs. The node
 * must answer what PostgreSQL did, and an append it refused must never stand in the table in place of
 * one it acknowledged, also after a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RequiresPostgres
class InDoubtCommitTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "/v1/apps/paid/users/u/sessions";

    private StoreDatabase db;
    private TcpProxy proxy;
    private TestNode node;

    @BeforeAll
    void start() {
        db = StoreDatabase.local();
        proxy = TcpProxy.forJdbcUrl(db.url());
        node = node(proxy.jdbcUrl(db.url()) + "?socketTimeout=1");
        db.execute("CREATE TABLE slow_ids (id text PRIMARY KEY, seconds float NOT NULL, fail boolean NOT NULL)");
        // Fires at COMMIT, once per listed event id: sleeps, then fails the COMMIT if asked to.
        db.execute("""
                CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE slow slow_ids%ROWTYPE;
                BEGIN
                  DELETE FROM slow_ids WHERE id = NEW.id RETURNING * INTO slow;
                  IF FOUND THEN
                    PERFORM pg_sleep(slow.seconds);
                    IF slow.fail THEN RAISE EXCEPTION 'refused at commit'; END IF;
                  END IF;
                  RETURN NULL;
                END $$""");
        db.execute("CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT OR UPDATE ON events DEFERRABLE INITIALLY DEFERRED"
                + " FOR EACH ROW EXECUTE FUNCTION slow_commit()");
    }

    private TestNode node(String jdbcUrl) {
        int port = TestCluster.freePort();
        Map<String, Object> props = new HashMap<>(db.nodeProperties(jdbcUrl));
        props.put("sessiongrid.apps.paid.durability", "WRITE_THROUGH");
        props.put("sessiongrid.store.commit-resolve-timeout", "1500ms");
        props.put("sessiongrid.store.connect-timeout", "1s");
        return TestNode.start("in-doubt-" + port, port, List.of("127.0.0.1:" + port), props);
    }

    @AfterAll
    void stop() {
        proxy.restore();
        node.close();
        proxy.close();
        db.close();
    }

    private void slow(String eventId, double seconds, boolean fail) {
        db.execute("INSERT INTO slow_ids VALUES ('" + eventId + "', " + seconds + ", " + fail + ")");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void create(String sessionId) throws Exception {
        assertThat(post(APP, "{\"sessionId\":\"" + sessionId + "\"}").statusCode()).isEqualTo(201);
    }

    private HttpResponse<String> append(String sessionId, String eventId) throws Exception {
        return post(APP + "/" + sessionId + "/events", "{\"id\":\"" + eventId + "\",\"author\":\"user\"}");
    }

    private List<String> eventIds(String sessionId) throws Exception {
        HttpResponse<String> got = HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + APP + "/" + sessionId)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(got.statusCode()).isEqualTo(200);
        return JSON.readTree(got.body()).path("events").findValuesAsText("id");
    }

    private String storedEventId(String sessionId, long seq) {
        return db.text("SELECT id FROM events WHERE session_id = '" + sessionId + "' AND seq = " + seq);
    }

    @Test
    @Order(1)
    void aCommitWhoseAnswerWasLostButThatCommittedIsAcknowledged() throws Exception {
        create("committed");
        slow("late-ok", 2, false);

        HttpResponse<String> appended = append("committed", "late-ok");

        assertThat(appended.statusCode()).isEqualTo(200);
        assertThat(appended.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(eventIds("committed")).containsExactly("late-ok");
        assertThat(storedEventId("committed", 1)).isEqualTo("late-ok");
    }

    @Test
    @Order(2)
    void aCommitThatFailedLateIsRefusedAndChangesNothing() throws Exception {
        create("aborted");
        slow("late-fail", 2, true);

        HttpResponse<String> refused = append("aborted", "late-fail");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(refused.body()).path("type").asText()).isEqualTo("https://sessiongrid.io/problems/store-unavailable");

        HttpResponse<String> next = append("aborted", "after-fail");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(storedEventId("aborted", 1)).isEqualTo("after-fail");
        assertThat(db.number("SELECT count(*) FROM events WHERE session_id = 'aborted'")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void anAppendInDoubtNeverReplacesTheNextAcknowledgedOneAndARetryStoresItOnce() throws Exception {
        create("doubt");
        slow("in-doubt", 2, false);

        // The database goes out of reach while the COMMIT runs: it commits, but the node cannot learn it.
        CompletableFuture<HttpResponse<String>> pending = HTTP.sendAsync(HttpRequest.newBuilder(
                        URI.create(node.url() + APP + "/doubt/events")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"in-doubt\",\"author\":\"user\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        // The COMMIT is in the trigger's sleep once a backend waits on PgSleep.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> db.number(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND pid <> pg_backend_pid()") > 0);
        proxy.cut();
        HttpResponse<String> doubtful = pending.get(30, TimeUnit.SECONDS);
        assertThat(doubtful.statusCode()).isEqualTo(503);
        JsonNode problem = JSON.readTree(doubtful.body());
        assertThat(problem.path("type").asText()).isEqualTo("https://sessiongrid.io/problems/store-unavailable");
        assertThat(problem.path("detail").asText()).contains("may be stored or not");
        proxy.restore();
        // The COMMIT did land: the table holds the append memory refused.
        await().atMost(Duration.ofSeconds(15)).until(() -> "in-doubt".equals(storedEventId("doubt", 1)));

        // The pool reconnects after the cut: a client retries a 503 with the same event id.
        HttpResponse<String>[] last = new HttpResponse[1];
        await().atMost(Duration.ofSeconds(15)).until(() -> (last[0] = append("doubt", "acknowledged")).statusCode() == 200);
        HttpResponse<String> acknowledged = last[0];
        assertThat(acknowledged.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(storedEventId("doubt", 1)).isEqualTo("acknowledged");

        // The client retries the append it was not sure of: stored once, after the acknowledged one.
        HttpResponse<String> retried = append("doubt", "in-doubt");
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(eventIds("doubt")).containsExactly("acknowledged", "in-doubt");
        assertThat(db.number("SELECT count(*) FROM events WHERE session_id = 'doubt'")).isEqualTo(2);
    }

    @Test
    @Order(4)
    void afterARestartEverySessionHoldsExactlyWhatWasAcknowledged() throws Exception {
        node.close();
        node = node(db.url());

        assertThat(eventIds("committed")).containsExactly("late-ok");
        assertThat(eventIds("aborted")).containsExactly("after-fail");
        assertThat(eventIds("doubt")).containsExactly("acknowledged", "in-doubt");
    }
}
