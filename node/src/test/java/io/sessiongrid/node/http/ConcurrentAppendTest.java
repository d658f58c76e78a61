package io.sessiongrid.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessiongrid.client.Event;
import io.sessiongrid.client.EventPage;
import io.sessiongrid.client.PageRequest;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.node.support.TestCluster;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 8 threads x 500 appends to one session through the HTTP API of a two-node cluster, each writing its
 * own session, user and app keys: exactly 4,000 events, every key present, versions 1..4000 without gaps.
 */
class ConcurrentAppendTest {

    private static final int THREADS = 8;
    private static final int APPENDS = 500;

    @Test
    void concurrentAppendsAreAtomicAndGapless() throws Exception {
        int p1 = TestCluster.freePort();
        int p2 = TestCluster.freePort();
        List<String> members = List.of("127.0.0.1:" + p1, "127.0.0.1:" + p2);
        String cluster = "concurrent-" + p1;
        try (TestNode a = TestNode.start(cluster, p1, members, Map.of());
             TestNode b = TestNode.start(cluster, p2, members, Map.of());
             SessionGridClient client = SessionGridClient.builder().endpoints(a.url()).build();
             SessionGridClient other = SessionGridClient.builder().endpoints(b.url()).build()) {
            client.createSession("race", "u", "s", null);

            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<Long> versions = new ArrayList<>(APPENDS);
                    for (int i = 0; i < APPENDS; i++) {
                        Event event = Event.builder().author("t" + thread)
                                .stateDelta("s-" + thread + "-" + i, i)
                                .stateDelta("user:u-" + thread + "-" + i, i)
                                .stateDelta("app:a-" + thread + "-" + i, i)
                                .build();
                        versions.add(client.appendEvent("race", "u", "s", event).version());
                    }
                    return versions;
                }));
            }
            List<Long> versions = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                versions.addAll(f.get());
            }
            pool.shutdown();

            assertThat(versions).hasSize(THREADS * APPENDS)
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, THREADS * APPENDS).boxed().toList());

            Session session = other.getSession("race", "u", "s");
            assertThat(session.version()).isEqualTo(THREADS * APPENDS);
            assertThat(session.events()).hasSize(THREADS * APPENDS);
            Map<String, JsonNode> state = session.state();
            Map<String, JsonNode> userState = other.getUserState("race", "u");
            Map<String, JsonNode> appState = other.getAppState("race");
            assertThat(state).hasSize(3 * THREADS * APPENDS);
            assertThat(userState).hasSize(THREADS * APPENDS);
            assertThat(appState).hasSize(THREADS * APPENDS);
            for (int t = 0; t < THREADS; t++) {
                for (int i = 0; i < APPENDS; i++) {
                    assertThat(state.get("s-" + t + "-" + i).asInt()).isEqualTo(i);
                    assertThat(state.get("user:u-" + t + "-" + i).asInt()).isEqualTo(i);
                    assertThat(state.get("app:a-" + t + "-" + i).asInt()).isEqualTo(i);
                    assertThat(userState.get("u-" + t + "-" + i).asInt()).isEqualTo(i);
                    assertThat(appState.get("a-" + t + "-" + i).asInt()).isEqualTo(i);
                }
            }

            List<String> logIds = new ArrayList<>();
            PageRequest page = PageRequest.first(1000);
            EventPage events;
            do {
                events = other.listEvents("race", "u", "s", page, null);
                events.events().forEach(e -> logIds.add(e.id()));
                page = page.next(events.nextPageToken());
            } while (events.hasNext());
            assertThat(logIds).hasSize(THREADS * APPENDS).doesNotHaveDuplicates();
        }
    }
}
