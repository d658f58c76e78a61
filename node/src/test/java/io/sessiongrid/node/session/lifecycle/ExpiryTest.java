package io.sessiongrid.node.session.lifecycle;

import com.hazelcast.cluster.Member;
import com.hazelcast.partition.PartitionService;
import io.micrometer.core.instrument.Counter;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.PolicyViolationError;
import io.sessiongrid.node.session.RequestedExpiry;
import io.sessiongrid.node.session.Session;
import io.sessiongrid.node.session.SessionGridError;
import io.sessiongrid.node.session.SessionService;
import io.sessiongrid.node.session.UserSessionService;
import io.sessiongrid.node.session.model.EventWindow;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.support.Engines;
import io.sessiongrid.node.support.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static io.sessiongrid.node.session.process.AppendEventProcessor.ANY_VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * TTL and idle timeout as Hazelcast enforces them, per app, on a real two-member cluster: which
 * operations count as access, that a session's lifetime runs from its create, and that an ended
 * session leaves every view while its user state stays.
 */
class ExpiryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static TestCluster cluster;
    private static SessionService sessions;
    private static UserSessionService users;

    @BeforeAll
    static void start() {
        AppPolicy defaults = AppPolicy.BUILT_IN;
        cluster = new TestCluster(2, new AppPolicies(defaults, Map.of(
                "short-lived", defaults.toBuilder().ttl(Duration.ofSeconds(2)).build(),
                "ttl-cap", defaults.toBuilder().ttl(Duration.ofSeconds(2)).build(),
                "idle", defaults.toBuilder().maxIdle(Duration.ofSeconds(2)).build()), false));
        Engines.Engine engine = Engines.engine(cluster.member(0), cluster.policies(), Clock.systemUTC());
        sessions = engine.sessions();
        users = engine.users();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void ttlCountsFromCreateNotFromTheLastAppendAndTheEndIsCountedOnce() {
        // Ownership must not move while the sessions live: each member counts the ends it owns.
        await().atMost(PATIENCE).until(() -> cluster.member(0).getPartitionService().isClusterSafe());
        sessions.create("short-lived", "u", "s", null);
        // Spread over users, hence partitions, hence both members: each member counts what it owns.
        for (int i = 0; i < 8; i++) {
            sessions.create("short-lived", "spread-" + i, "s", null);
        }
        sessions.create("other-app", "u", "s", null);
        long start = System.nanoTime();
        int[] appended = {0};

        // Keep using the session: appends and gets must not extend an absolute lifetime.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> {
            try {
                sessions.append("short-lived", "u", "s", event("e" + appended[0]++), ANY_VERSION);
                sessions.get("short-lived", "u", "s", EventWindow.ALL);
                return false;
            } catch (SessionGridError e) {
                return e.kind() == SessionGridError.Kind.SESSION_NOT_FOUND;
            }
        });

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(users.count("short-lived", "u")).isZero();
        // Another app's policy does not reach this app's sessions.
        assertThat(sessions.get("other-app", "u", "s", EventWindow.ALL).version()).isZero();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                cluster.counted("sessiongrid.sessions.expired", "app", "short-lived")).isEqualTo(9.0));
        for (int m = 0; m < 2; m++) {
            assertThat(cluster.registry(m).find("sessiongrid.sessions.expired").tags("app", "short-lived")
                    .counters().stream().mapToDouble(Counter::count).sum())
                    .as("ends counted by member %d", m).isEqualTo(ownedBy(m));
        }
    }

    /** How many of the nine short-lived sessions live in partitions member {@code m} owns. */
    private static double ownedBy(int m) {
        Member member = cluster.member(m).getCluster().getLocalMember();
        PartitionService partitions = cluster.member(0).getPartitionService();
        int owned = partitions.getPartition(new SessionKey("short-lived", "u", "s")).getOwner().equals(member) ? 1 : 0;
        for (int i = 0; i < 8; i++) {
            owned += partitions.getPartition(new SessionKey("short-lived", "spread-" + i, "s")).getOwner().equals(member) ? 1 : 0;
        }
        return owned;
    }

    @Test
    void touchedAndReadSessionsOutliveTheIdleTimeoutWhileListedAndCountedOnesGo() {
        sessions.create("idle", "u", "touched", null);
        sessions.create("idle", "u", "read", obj("{\"user:theme\":\"dark\"}"));
        sessions.create("idle", "v", "listed", null);
        long start = System.nanoTime();

        // A get would count as access: watch the listed session only through listings and counts.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(400)).until(() -> {
            sessions.touch("idle", "u", "touched");
            sessions.get("idle", "u", "read", new EventWindow(0, Double.NaN));
            return sessions.list("idle", "v", null, null).sessions().isEmpty() && users.count("idle", "v") == 0;
        });

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(sessions.get("idle", "u", "touched", EventWindow.ALL).key().sessionId()).isEqualTo("touched");
        assertThat(sessions.get("idle", "u", "read", EventWindow.ALL).key().sessionId()).isEqualTo("read");
        assertThat(users.count("idle", "u")).isEqualTo(2);

        // Left alone, they go too; the user's state belongs to the user and stays.
        await().atMost(PATIENCE).until(() -> users.count("idle", "u") == 0);
        assertThat(new String(sessions.userState("idle", "u").get("theme"), StandardCharsets.UTF_8)).isEqualTo("\"dark\"");
        assertThatThrownBy(() -> sessions.touch("idle", "u", "touched"))
                .isInstanceOfSatisfying(SessionGridError.class,
                        e -> assertThat(e.kind()).isEqualTo(SessionGridError.Kind.SESSION_NOT_FOUND));
    }

    @Test
    void aSessionMayShortenItsAppsTimesButNotLengthenThem() {
        Session brief = sessions.create("open-app", "u", "brief", null, new RequestedExpiry(1, null));
        Session lasting = sessions.create("open-app", "u", "lasting", null);
        assertThat(brief.traits().ttlSeconds()).isEqualTo(1);
        assertThat(lasting.traits().ttlSeconds()).isZero();

        await().atMost(PATIENCE).until(() -> users.count("open-app", "u") == 1);
        assertThat(isGone("open-app", "u", "brief")).isTrue();
        assertThat(sessions.get("open-app", "u", "lasting", EventWindow.ALL).traits().ttlSeconds()).isZero();

        Session idle = sessions.create("ttl-cap", "u", "own-idle", null, new RequestedExpiry(1, 60));
        assertThat(idle.traits().ttlSeconds()).isEqualTo(1);
        assertThat(idle.traits().maxIdleSeconds()).isEqualTo(60);
        assertThat(sessions.create("ttl-cap", "u", "app-ttl", null).traits().ttlSeconds()).isEqualTo(2);

        assertThatThrownBy(() -> sessions.create("ttl-cap", "u", "too-long", null, new RequestedExpiry(3, null)))
                .isInstanceOfSatisfying(PolicyViolationError.class, e -> {
                    assertThat(e.kind()).isEqualTo(SessionGridError.Kind.INVALID_REQUEST);
                    assertThat(e.limit()).isEqualTo("ttl");
                    assertThat(e.maximum()).isEqualTo(2);
                    assertThat(e.size()).isEqualTo(3);
                });
        assertThatThrownBy(() -> sessions.create("idle", "u", "too-idle", null, new RequestedExpiry(null, 5)))
                .isInstanceOfSatisfying(PolicyViolationError.class, e -> assertThat(e.limit()).isEqualTo("max-idle"));
        assertThatThrownBy(() -> sessions.create("idle", "u", "zero", null, new RequestedExpiry(0, null)))
                .isInstanceOfSatisfying(SessionGridError.class,
                        e -> assertThat(e.kind()).isEqualTo(SessionGridError.Kind.INVALID_REQUEST));
        assertThat(isGone("ttl-cap", "u", "too-long")).isTrue();
        assertThat(cluster.counted("sessiongrid.violations", "app", "ttl-cap", "kind", "ttl")).isEqualTo(1.0);
    }

    private static boolean isGone(String app, String user, String id) {
        try {
            sessions.get(app, user, id, new EventWindow(0, Double.NaN));
            return false;
        } catch (SessionGridError e) {
            return e.kind() == SessionGridError.Kind.SESSION_NOT_FOUND;
        }
    }

    static byte[] event(String id) {
        return ("{\"id\":\"" + id + "\",\"author\":\"test\",\"actions\":{\"stateDelta\":{\"n\":1}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static com.fasterxml.jackson.databind.node.ObjectNode obj(String json) {
        try {
            return (com.fasterxml.jackson.databind.node.ObjectNode) new io.sessiongrid.node.session.SessionBeans()
                    .stateJson().mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
