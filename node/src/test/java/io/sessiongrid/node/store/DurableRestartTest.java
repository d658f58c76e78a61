package io.sessiongrid.node.store;

import io.sessiongrid.node.support.RequiresPostgres;
import io.sessiongrid.client.CreateSessionOptions;
import io.sessiongrid.client.Event;
import io.sessiongrid.client.GetSessionOptions;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.client.SessionsById;
import io.sessiongrid.node.support.StoreDatabase;
import io.sessiongrid.node.support.TestCluster;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@RequiresPostgres
class DurableRestartTest {

    private final StoreDatabase db = newDatabase();

    /** Where the store lives; the container twin overrides it. */
    StoreDatabase newDatabase() {
        return StoreDatabase.local();
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private TestNode node(int port) {
        Map<String, Object> props = new HashMap<>(db.nodeProperties());
        props.put("sessiongrid.apps.wb.durability", "WRITE_BEHIND");
        props.put("sessiongrid.apps.wt.durability", "WRITE_THROUGH");
        return TestNode.start("restart-" + port, port, List.of("127.0.0.1:" + port), props);
    }

    @Test
    void sessionsComeBackAfterAStop() {
        int port = TestCluster.freePort();
        try (TestNode node = node(port); SessionGridClient client = SessionGridClient.builder().endpoints(node.url()).build()) {
            for (String app : List.of("wb", "wt")) {
                client.createSession(app, "alice", "s1", Map.of("k", 1, "user:lang", "fi", "app:theme", "dark"));
                for (int i = 0; i < 3; i++) {
                    client.appendEvent(app, "alice", "s1", Event.builder().id("e" + i).author("a").timestamp(100.0 + i)
                            .stateDelta("n", i).build());
                }
            }
            assertThat(db.number("SELECT count(*) FROM events WHERE app = 'wt'")).isEqualTo(3);
            client.createSession("wt", "bob", CreateSessionOptions.builder().sessionId("pinned").workerId("w7").build());
            // Removals persist too: a removed shared key stays removed after the restart.
            client.createSession("wt", "carl", "s", Map.of("user:gone", 1, "app:gone", 1, "kept", 1));
            client.appendEvent("wt", "carl", "s", Event.builder().id("r").author("a").removeState("user:gone")
                    .removeState("app:gone").removeState("kept").build());
        }
        try (TestNode node = node(port); SessionGridClient client = SessionGridClient.builder().endpoints(node.url()).build()) {
            for (String app : List.of("wb", "wt")) {
                Session s = client.getSession(app, "alice", "s1");
                assertThat(s.version()).isEqualTo(3);
                assertThat(s.events()).extracting(Event::id).containsExactly("e0", "e1", "e2");
                assertThat(s.state()).containsKeys("k", "n", "user:lang", "app:theme");
                assertThat(s.state().get("n").asInt()).isEqualTo(2);
            }
            assertThat(client.getSession("wt", "carl", "s").state()).doesNotContainKeys("user:gone", "app:gone", "kept");
            assertThat(client.getUserState("wt", "carl")).isEmpty();
            assertThat(client.getAppState("wt")).doesNotContainKey("gone");
            // Routes come back with their sessions (loaded whole at start, in one query per chunk).
            assertThat(client.countWorkerSessions("wt", "w7")).isEqualTo(1);
            assertThat(client.getSession("wt", "bob", "pinned").workerId()).isEqualTo("w7");
        }
    }

    @Test
    void webSessionsAreFoundByIdAfterAStop() {
        int port = TestCluster.freePort();
        Map<String, String> ids = new HashMap<>();
        try (TestNode node = node(port); SessionGridClient client = SessionGridClient.builder().endpoints(node.url()).build()) {
            for (String app : List.of("wb", "wt")) {
                SessionsById web = client.sessionsById(app);
                Session s = web.create(null, CreateSessionOptions.builder().state(Map.of("cart", 1)).build());
                web.patchState(s.id(), Map.of("cart", 2, "coupon", "X"));
                String id = web.changeId(s.id()).id();
                web.rekey(id, "dora");
                ids.put(app, id);
            }
        }
        try (TestNode node = node(port); SessionGridClient client = SessionGridClient.builder().endpoints(node.url()).build()) {
            for (String app : List.of("wb", "wt")) {
                // The id index is not stored: the first lookup asks the store and re-indexes the answer.
                Session s = client.sessionsById(app).get(ids.get(app), GetSessionOptions.allEvents());
                assertThat(s.userId()).isEqualTo("dora");
                assertThat(s.version()).isEqualTo(1);
                assertThat(s.state().get("cart").asInt()).isEqualTo(2);
                assertThat(s.state().get("coupon").asText()).isEqualTo("X");
                assertThat(client.sessionsById(app).patchState(ids.get(app), Map.of("cart", 3))).isEqualTo(2);
            }
            assertThat(db.number("SELECT count(*) FROM sessions WHERE app IN ('wb', 'wt') AND user_id = 'dora'")).isEqualTo(2);
        }
    }

    /**
     * An app on the defaults (no entry of its own, no session in memory after the restart: outside
     * the eager-load window) is real because the store holds it: a delete must reach its rows.
     */
    @Test
    void anAppOnlyTheStoreKnowsIsRealAfterAStop() {
        int port = TestCluster.freePort();
        try (TestNode node = node(port); SessionGridClient client = SessionGridClient.builder().endpoints(node.url()).build()) {
            client.createSession("ondefaults", "erin", "s1", Map.of("k", 1));
            client.createSession("ondefaults", "erin", "s2", Map.of("k", 2));
        }
        assertThat(db.number("SELECT count(*) FROM sessions WHERE app = 'ondefaults'")).isEqualTo(2);
        db.execute("UPDATE sessions SET last_access_time = 0 WHERE app = 'ondefaults'");
        try (TestNode node = node(port); SessionGridClient client = SessionGridClient.builder().endpoints(node.url()).build()) {
            assertThat(client.countUserSessions("ondefaults", "erin")).isEqualTo(2);
            client.deleteSession("ondefaults", "erin", "s1");
            // Write-behind: the row goes within the write delay.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> db.number("SELECT count(*) FROM sessions WHERE app = 'ondefaults'") == 1);
            assertThat(client.deleteUserSessions("ondefaults", "erin")).isEqualTo(1);
            assertThat(db.number("SELECT count(*) FROM sessions WHERE app = 'ondefaults'")).isZero();
        }
    }
}
