package io.sessiongrid.bench.jmh;

import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.config.MapConfig;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.sessiongrid.node.config.LimitSettings;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.IdRules;
import io.sessiongrid.node.session.LifecycleEvents;
import io.sessiongrid.node.session.RerouteResult;
import io.sessiongrid.node.session.RoutingService;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.routing.Route;
import io.sessiongrid.node.session.routing.RouteEntry;
import io.sessiongrid.node.session.routing.RouteKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Worker affinity at the scale: 100,000 sessions over 100 workers (1,000 each) on a real
 * two-member cluster. Measured: a proxy's route lookup by session id (route read plus session
 * touch), the count of one worker's sessions on the routing map's index, and the reroute of one
 * worker's 1,000 sessions. Baselines in the same run: a plain read of one route, and the same
 * count on a copy of the routes without the index (every member scans all routes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g", "-Dhazelcast.logging.type=none"})
public class RoutingBenchmark {

    private static final String APP = "routing";
    private static final int SESSIONS = 100_000;
    private static final int WORKERS = 100;
    private static final AppPolicies POLICIES = AppPolicies.of(AppPolicy.BUILT_IN);

    private BenchCluster cluster;
    private RoutingService routing;
    private IMap<RouteKey, Route> routes;
    private IMap<RouteKey, Route> unindexedRoutes;
    private boolean rerouted;

    @Setup(Level.Trial)
    public void load() {
        cluster = new BenchCluster(POLICIES);
        SessionMaps maps = new SessionMaps(cluster.first(), POLICIES);
        routing = new RoutingService(maps, new IdRules(256), new LimitSettings(256, 100, 1000, 0), LifecycleEvents.NONE,
                Clock.systemUTC());
        cluster.first().getConfig().addMapConfig(new MapConfig("unindexed-routes"));
        routes = maps.routes(APP);
        unindexedRoutes = cluster.first().getMap("unindexed-routes");
        IMap<SessionKey, SessionRecord> sessions = maps.sessions(APP);
        double now = System.currentTimeMillis() / 1000.0;
        Map<SessionKey, SessionRecord> sessionBatch = new HashMap<>();
        Map<RouteKey, Route> routeBatch = new HashMap<>();
        for (int i = 0; i < SESSIONS; i++) {
            String user = "user-" + i;
            sessionBatch.put(new SessionKey(APP, user, sessionId(i)), new SessionRecord(now, Map.of(), 0, 0));
            routeBatch.put(new RouteKey(APP, sessionId(i)), new Route(user, worker(i % WORKERS)));
            if (sessionBatch.size() == 5_000) {
                sessions.putAll(sessionBatch);
                routes.putAll(routeBatch);
                unindexedRoutes.putAll(routeBatch);
                sessionBatch.clear();
                routeBatch.clear();
            }
        }
    }

    @Benchmark
    public RouteEntry routeLookup() {
        return routing.route(APP, sessionId(ThreadLocalRandom.current().nextInt(SESSIONS)));
    }

    @Benchmark
    public Route routeReadBaseline() {
        return routes.get(new RouteKey(APP, sessionId(ThreadLocalRandom.current().nextInt(SESSIONS))));
    }

    @Benchmark
    public long workerCount() {
        return routing.workerCount(APP, worker(ThreadLocalRandom.current().nextInt(WORKERS)));
    }

    @Benchmark
    public long workerCountWithoutIndexBaseline() {
        return unindexedRoutes.aggregate(Aggregators.count(),
                Predicates.equal(Route.WORKER_ATTRIBUTE, worker(ThreadLocalRandom.current().nextInt(WORKERS))));
    }

    /** Moves worker 7's 1,000 sessions to a spare worker and, next time, back. */
    @Benchmark
    public RerouteResult reroute1000() {
        rerouted = !rerouted;
        return rerouted ? routing.reroute(APP, worker(7), "spare") : routing.reroute(APP, "spare", worker(7));
    }

    @TearDown(Level.Trial)
    public void stop() {
        cluster.close();
    }

    private static String sessionId(int i) {
        return "session-" + i;
    }

    private static String worker(int w) {
        return "worker-" + w;
    }
}
