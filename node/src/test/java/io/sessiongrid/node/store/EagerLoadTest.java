package io.sessiongrid.node.store;

import io.sessiongrid.node.support.RequiresPostgres;
import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.MeterRegistry;
import io.sessiongrid.client.Event;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.node.support.StoreDatabase;
import io.sessiongrid.node.support.TestCluster;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** After a full restart, recent sessions are in memory before the node is ready; older ones load on access. */
@RequiresPostgres
class EagerLoadTest {

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
        props.put("sessiongrid.apps.agent.durability", "WRITE_BEHIND");
        props.put("sessiongrid.apps.agent.eager-load-window", "1h");
        return TestNode.start("eager-" + port, port, List.of("127.0.0.1:" + port), props);
    }

    @Test
    void recentSessionsLoadAtStartAndOlderOnesOnFirstAccess() throws Exception {
        int port = TestCluster.freePort();
        try (TestNode node = node(port); SessionGridClient client = SessionGridClient.builder().endpoints(node.url()).build()) {
            for (int i = 0; i < 10; i++) {
                client.createSession("agent", "u" + i, "recent", Map.of());
                client.appendEvent("agent", "u" + i, "recent", Event.builder().id("e").author("a").build());
                client.createSession("agent", "u" + i, "old", Map.of());
            }
        }
        // Stopped gracefully: everything is stored. Make half of it two hours old.
        assertThat(db.number("SELECT count(*) FROM sessions WHERE app = 'agent'")).isEqualTo(20);
        db.execute("UPDATE sessions SET last_access_time = last_access_time - 7200 WHERE id = 'old'");

        try (TestNode node = node(port); SessionGridClient client = SessionGridClient.builder().endpoints(node.url()).build()) {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(
                    URI.create(node.url() + "/health/readiness")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            String readiness = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(readiness).contains("\"initialLoad\"");

            HazelcastInstance hz = node.context().getBean(HazelcastInstance.class);
            assertThat(hz.getMap("sessions.agent").getLocalMapStats().getOwnedEntryCount()).isEqualTo(10);
            MeterRegistry registry = node.context().getBean(MeterRegistry.class);
            assertThat(registry.get("sessiongrid.store.loaded").tag("app", "agent").counter().count()).isEqualTo(10);
            assertThat(registry.get("sessiongrid.store.initial.load").gauge().value()).isGreaterThan(0);

            assertThat(client.getSession("agent", "u3", "old").version()).isZero();
            assertThat(client.getSession("agent", "u3", "recent").version()).isEqualTo(1);
            assertThat(hz.getMap("sessions.agent").getLocalMapStats().getOwnedEntryCount()).isEqualTo(11);
            assertThat(client.countUserSessions("agent", "u4")).isEqualTo(2);
        }
    }
}
