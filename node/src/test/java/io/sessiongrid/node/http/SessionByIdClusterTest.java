package io.sessiongrid.node.http;

import io.sessiongrid.client.CreateSessionOptions;
import io.sessiongrid.client.GetSessionOptions;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.client.SessionsById;
import io.sessiongrid.node.support.TestCluster;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Id-addressed sessions on two real nodes: every call works from either node whatever member owns the
 * session or its id-index entry, and patches, id changes and re-keys survive the member that made them.
 */
class SessionByIdClusterTest {

    private static final int SESSIONS = 24;

    @Test
    void patchedMovedAndRekeyedSessionsSurviveTheirNode() {
        int portA = TestCluster.freePort();
        int portB = TestCluster.freePort();
        List<String> members = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
        String cluster = "byid-" + portA;
        TestNode b = TestNode.start(cluster, portB, members, Map.of());
        try (TestNode a = TestNode.start(cluster, portA, members, Map.of());
             SessionGridClient viaA = SessionGridClient.builder().endpoints(a.url()).build();
             SessionGridClient viaB = SessionGridClient.builder().endpoints(b.url()).build()) {
            SessionsById webA = viaA.sessionsById("shop");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                Session s = webA.create(null, CreateSessionOptions.builder().state(Map.of("n", i)).build());
                webA.patchState(s.id(), Map.of("cart", i * 10));
                webA.patchState(s.id(), Map.of("seen", true));
                String id = i % 3 == 0 ? webA.changeId(s.id()).id() : s.id();
                if (i % 2 == 0) {
                    webA.rekey(id, "user-" + i);
                }
                ids.add(id);
            }

            a.close();  // graceful: its partitions migrate to B

            SessionsById webB = viaB.sessionsById("shop");
            for (int i = 0; i < SESSIONS; i++) {
                Session s = webB.get(ids.get(i), GetSessionOptions.allEvents());
                assertThat(s.version()).isEqualTo(2);
                assertThat(s.state().get("n").asInt()).isEqualTo(i);
                assertThat(s.state().get("cart").asInt()).isEqualTo(i * 10);
                assertThat(s.state().get("seen").asBoolean()).isTrue();
                if (i % 2 == 0) {
                    assertThat(s.userId()).isEqualTo("user-" + i);
                } else {
                    assertThat(s.userId()).startsWith("~");
                }
            }
        } finally {
            b.close();
        }
    }
}
