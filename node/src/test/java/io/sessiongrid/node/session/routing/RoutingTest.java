package io.sessiongrid.node.session.routing;

import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.RequestedExpiry;
import io.sessiongrid.node.session.RerouteResult;
import io.sessiongrid.node.session.RoutePage;
import io.sessiongrid.node.session.RoutingService;
import io.sessiongrid.node.session.SessionGridError;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.SessionService;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.sessiongrid.node.session.process.AppendEventProcessor.ANY_VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Worker affinity on a real three-member cluster: exact counts, atomic reroute under load, clean routes. */
class RoutingTest {

    private static TestCluster cluster;
    private static SessionService sessions;
    private static RoutingService routing;
    private static RoutingService routingOnThird;

    @BeforeAll
    static void start() {
        cluster = new TestCluster(3, AppPolicies.of(AppPolicy.BUILT_IN));
        Engines.Engine engine = Engines.engine(cluster.member(0), cluster.policies(), Clock.systemUTC());
        sessions = engine.sessions();
        routing = engine.routing();
        routingOnThird = Engines.engine(cluster.member(2), cluster.policies(), Clock.systemUTC()).routing();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aProxyFindsTheWorkerBySessionIdAloneAndTheLookupTouches() {
        double created = sessions.create("lookup", "alice", "s1", null, RequestedExpiry.APP_DEFAULTS, "w-1")
                .traits().lastAccessTime();
        double before = System.currentTimeMillis() / 1000.0;

        RouteEntry route = routingOnThird.route("lookup", "s1");

        assertThat(route.sessionId()).isEqualTo("s1");
        assertThat(route.userId()).isEqualTo("alice");
        assertThat(route.workerId()).isEqualTo("w-1");
        // The access before this lookup (the create's read), so a proxy sees how idle the session was.
        assertThat(route.lastAccess()).isEqualTo(created).isLessThanOrEqualTo(before);
        assertThat(routingOnThird.route("lookup", "s1").lastAccess()).isGreaterThanOrEqualTo(before);
        assertThat(sessions.get("lookup", "alice", "s1", EventWindow.ALL).workerId()).isEqualTo("w-1");
        assertThat(cluster.counted("sessiongrid.routes", "app", "lookup", "result", "hit")).isEqualTo(2.0);

        routing.setWorker("lookup", "alice", "s1", "w-2");
        assertThat(routing.route("lookup", "s1").workerId()).isEqualTo("w-2");
        routing.setWorker("lookup", "alice", "s1", null);
        assertRouteMissing("lookup", "s1");
        assertThat(sessions.get("lookup", "alice", "s1", EventWindow.ALL).workerId()).isNull();
        assertThat(cluster.counted("sessiongrid.routes", "app", "lookup", "result", "miss")).isEqualTo(1.0);
        assertThatThrownBy(() -> routing.setWorker("lookup", "alice", "absent", "w-1"))
                .isInstanceOfSatisfying(SessionGridError.class,
                        e -> assertThat(e.kind()).isEqualTo(SessionGridError.Kind.SESSION_NOT_FOUND));
    }

    @Test
    void aRouteBelongsToOneUsersSession() {
        sessions.create("shared-ids", "alice", "same", null, RequestedExpiry.APP_DEFAULTS, "w-1");

        assertThatThrownBy(() -> sessions.create("shared-ids", "bob", "same", null, RequestedExpiry.APP_DEFAULTS, "w-2"))
                .isInstanceOfSatisfying(SessionGridError.class,
                        e -> assertThat(e.kind()).isEqualTo(SessionGridError.Kind.ROUTE_CONFLICT));
        assertThatThrownBy(() -> sessions.get("shared-ids", "bob", "same", EventWindow.ALL))
                .isInstanceOfSatisfying(SessionGridError.class,
                        e -> assertThat(e.kind()).isEqualTo(SessionGridError.Kind.SESSION_NOT_FOUND));
        sessions.create("shared-ids", "bob", "same", null);
        assertThat(sessions.get("shared-ids", "bob", "same", EventWindow.ALL).workerId()).isNull();
        assertThatThrownBy(() -> routing.setWorker("shared-ids", "bob", "same", "w-2"))
                .isInstanceOfSatisfying(SessionGridError.class,
                        e -> assertThat(e.kind()).isEqualTo(SessionGridError.Kind.ROUTE_CONFLICT));
        assertThat(routing.route("shared-ids", "same").userId()).isEqualTo("alice");
        routing.setWorker("shared-ids", "bob", "same", null);
        assertThat(routing.route("shared-ids", "same").userId()).isEqualTo("alice");

        // Once alice's session is gone, its id is free to route again, cleaner or not.
        sessions.delete("shared-ids", "alice", "same");
        sessions.delete("shared-ids", "bob", "same");
        sessions.create("shared-ids", "bob", "same", null, RequestedExpiry.APP_DEFAULTS, "w-2");
        assertThat(routing.route("shared-ids", "same").userId()).isEqualTo("bob");
    }

    @Test
    void aRouteTakenForAGoneSessionIsPutBackWhenTheSessionIsThereAgain() {
        // A delete and a quick create of the same id and user: the delete's cleaning, late, finds the new
        // session's route. Its check for the session ran before the create (forced here by calling the
        // removal itself), so it takes the route and must put it back.
        sessions.create("recreated", "carl", "again", null, RequestedExpiry.APP_DEFAULTS, "w-7");
        RouteCleaner cleaner = new RouteCleaner();
        cleaner.setHazelcastInstance(cluster.member(1));

        RouteCleaner.Cleaning cleaning = cleaner.removeRoute(SessionMaps.sessionsMapName("recreated"),
                new SessionKey("recreated", "carl", "again"));

        assertThat(cleaning).isEqualTo(RouteCleaner.Cleaning.PUT_BACK);
        assertThat(cluster.member(0).getMap(SessionMaps.routesMapName("recreated")).get(new RouteKey("recreated", "again")))
                .isEqualTo(new Route("carl", "w-7"));
        assertThat(routing.route("recreated", "again").workerId()).isEqualTo("w-7");
        // A session that is really gone loses its route (unless the listener's own cleaning came first).
        sessions.delete("recreated", "carl", "again");
        assertThat(cleaner.removeRoute(SessionMaps.sessionsMapName("recreated"), new SessionKey("recreated", "carl", "again")))
                .isIn(RouteCleaner.Cleaning.REMOVED, RouteCleaner.Cleaning.NOTHING);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(cluster.member(0).getMap(SessionMaps.routesMapName("recreated"))
                        .get(new RouteKey("recreated", "again"))).isNull());
    }

    @Test
    void workerQueriesCountAndPageExactly() {
        Map<String, Integer> spread = Map.of("w1", 30, "w2", 20, "w3", 10);
        spread.forEach((w, n) -> {
            for (int i = 0; i < n; i++) {
                sessions.create("count", "user-" + w + "-" + i, w + "-s" + i, null, RequestedExpiry.APP_DEFAULTS, w);
            }
        });

        assertThat(routing.workerCount("count", "w1")).isEqualTo(30);
        assertThat(routingOnThird.workerCount("count", "w3")).isEqualTo(10);
        assertThat(routing.workerCount("count", "nobody")).isZero();
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("w2", 20L);
        expected.put("w1", 30L);
        expected.put("w9", 0L);
        assertThat(routing.workerCounts("count", List.of("w2", "w1", "w9"))).containsExactlyEntriesOf(expected);

        List<String> listed = new ArrayList<>();
        String token = null;
        do {
            RoutePage page = routingOnThird.workerSessions("count", "w2", 7, token);
            assertThat(page.routes()).hasSizeLessThanOrEqualTo(7).allSatisfy(r -> assertThat(r.workerId()).isEqualTo("w2"));
            page.routes().forEach(r -> listed.add(r.sessionId()));
            token = page.nextPageToken();
        } while (token != null);
        assertThat(listed).hasSize(20).doesNotHaveDuplicates().isSorted();

        assertThat(routing.deleteWorkerSessions("count", "w3")).isEqualTo(10);
        assertThat(routing.workerCount("count", "w3")).isZero();
        assertThatThrownBy(() -> sessions.get("count", "user-w3-0", "w3-s0", EventWindow.ALL))
                .isInstanceOfSatisfying(SessionGridError.class,
                        e -> assertThat(e.kind()).isEqualTo(SessionGridError.Kind.SESSION_NOT_FOUND));
        assertThat(routing.workerCount("count", "w1")).isEqualTo(30);
    }

    @Test
    void rerouteMovesEverySessionWhileAppendsRunAndLosesNoEvent() throws Exception {
        int count = 40;
        for (int i = 0; i < count; i++) {
            sessions.create("reroute", "u" + i, "s" + i, null, RequestedExpiry.APP_DEFAULTS, "old");
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Integer>> appenders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int first = t;
            appenders.add(pool.submit(() -> {
                int appended = 0;
                while (!stop.get() || appended < count) {
                    int i = (first + appended * 4) % count;
                    sessions.append("reroute", "u" + i, "s" + i, event("t" + first + "-" + appended), ANY_VERSION);
                    appended++;
                }
                return appended;
            }));
        }
        RerouteResult result = routingOnThird.reroute("reroute", "old", "new");
        stop.set(true);
        long appended = 0;
        for (Future<Integer> f : appenders) {
            appended += f.get();
        }
        pool.shutdown();

        assertThat(result).isEqualTo(new RerouteResult(count, 0));
        assertThatThrownBy(() -> routing.reroute("reroute", "new", "new"))
                .isInstanceOfSatisfying(SessionGridError.class,
                        e -> assertThat(e.kind()).isEqualTo(SessionGridError.Kind.INVALID_REQUEST));
        assertThat(routing.workerCount("reroute", "old")).isZero();
        assertThat(routing.workerCount("reroute", "new")).isEqualTo(count);
        long stored = 0;
        for (int i = 0; i < count; i++) {
            stored += sessions.get("reroute", "u" + i, "s" + i, new EventWindow(0, Double.NaN)).version();
            assertThat(routing.route("reroute", "s" + i).workerId()).isEqualTo("new");
        }
        assertThat(stored).isEqualTo(appended);
    }

    @Test
    void sessionsPinnedToTheOldWorkerDuringARerouteAreMovedOrReported() throws Exception {
        int initial = 300;
        for (int i = 0; i < initial; i++) {
            sessions.create("busy-reroute", "u" + i, "s" + i, null, RequestedExpiry.APP_DEFAULTS, "old");
        }
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Integer> creator = pool.submit(() -> {
            int created = 0;
            while (!stop.get()) {
                sessions.create("busy-reroute", "late" + created, "late-s" + created, null, RequestedExpiry.APP_DEFAULTS, "old");
                created++;
            }
            return created;
        });
        RerouteResult result = routingOnThird.reroute("busy-reroute", "old", "new");
        stop.set(true);
        int late = creator.get();
        pool.shutdown();

        long onNew = routing.workerCount("busy-reroute", "new");
        long onOld = routing.workerCount("busy-reroute", "old");
        assertThat(onNew).isEqualTo(result.moved());
        assertThat(onNew).isGreaterThanOrEqualTo(initial);
        assertThat(onNew + onOld).isEqualTo(initial + late);
        assertThat(onOld).isGreaterThanOrEqualTo(result.remaining());
    }

    @Test
    void aPinRacingADeleteLeavesNoRouteBehind() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 100; i++) {
                String id = "race-" + i;
                sessions.create("race", "u", id, null);
                Future<?> pin = pool.submit(() -> {
                    try {
                        routingOnThird.setWorker("race", "u", id, "w-race");
                    } catch (SessionGridError gone) {
                        assertThat(gone.kind()).isEqualTo(SessionGridError.Kind.SESSION_NOT_FOUND);
                    }
                });
                Future<?> delete = pool.submit(() -> sessions.delete("race", "u", id));
                pin.get();
                delete.get();
            }
        } finally {
            pool.shutdown();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> routing.workerCount("race", "w-race") == 0);
    }

    @Test
    void endedSessionsLeaveNoRouteBehind() {
        sessions.create("cleanup", "u", "deleted", null, RequestedExpiry.APP_DEFAULTS, "w");
        sessions.create("cleanup", "u", "kept", null, RequestedExpiry.APP_DEFAULTS, "w");
        sessions.delete("cleanup", "u", "deleted");

        assertRouteMissing("cleanup", "deleted");
        await().atMost(Duration.ofSeconds(10)).until(() -> routing.workerCount("cleanup", "w") == 1);
    }

    @Test
    void sweepIdleRemovesOnlySessionsUnusedForTheGivenTime() {
        for (int i = 0; i < 5; i++) {
            sessions.create("sweep", "idle-" + i, "idle-s" + i, null, RequestedExpiry.APP_DEFAULTS, "w");
            sessions.create("sweep", "busy-" + i, "busy-s" + i, null, RequestedExpiry.APP_DEFAULTS, "w");
        }
        long created = System.currentTimeMillis();
        await().pollInterval(Duration.ofMillis(50)).until(() -> System.currentTimeMillis() - created > 1500);
        for (int i = 0; i < 5; i++) {
            sessions.touch("sweep", "busy-" + i, "busy-s" + i);
        }

        assertThat(routing.sweepIdle("sweep", 1)).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(sessions.get("sweep", "busy-" + i, "busy-s" + i, EventWindow.ALL).workerId()).isEqualTo("w");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> routing.workerCount("sweep", "w") == 5);
        assertThatThrownBy(() -> routing.sweepIdle("sweep", 0))
                .isInstanceOfSatisfying(SessionGridError.class,
                        e -> assertThat(e.kind()).isEqualTo(SessionGridError.Kind.INVALID_REQUEST));
    }

    private static void assertRouteMissing(String app, String sessionId) {
        assertThatThrownBy(() -> routing.route(app, sessionId))
                .isInstanceOfSatisfying(SessionGridError.class,
                        e -> assertThat(e.kind()).isEqualTo(SessionGridError.Kind.ROUTE_NOT_FOUND));
    }

    private static byte[] event(String id) {
        return ("{\"id\":\"" + id + "\",\"author\":\"test\"}").getBytes(StandardCharsets.UTF_8);
    }
}
