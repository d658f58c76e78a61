package io.sessiongrid.node.session.codec;

import com.hazelcast.nio.serialization.compact.CompactSerializer;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.process.IdleSessionsAggregator;
import io.sessiongrid.node.session.process.LastAccessProcessor;
import io.sessiongrid.node.session.process.SweepIdleProcessor;
import io.sessiongrid.node.session.routing.IndexRouteProcessor;
import io.sessiongrid.node.session.routing.ReassignRouteProcessor;
import io.sessiongrid.node.session.routing.RemoveRouteProcessor;
import io.sessiongrid.node.session.routing.RerouteProcessor;
import io.sessiongrid.node.session.routing.Route;
import io.sessiongrid.node.session.routing.RouteEntry;
import io.sessiongrid.node.session.routing.RouteKey;
import io.sessiongrid.node.session.routing.SetRouteProcessor;
import io.sessiongrid.node.session.routing.WorkerCountsAggregator;
import io.sessiongrid.node.session.routing.WorkerPageAggregator;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.sessiongrid.node.session.codec.OperationCodecs.codec;

/**
 * Compact forms of the routing map's key and value and of the operations on it. {@code Route}'s
 * {@code workerId} field is what the map's index and predicates read, so its name never changes.
 */
final class RoutingCodecs {

    private RoutingCodecs() {
    }

    static CompactSerializer<RouteKey> routeKey() {
        return codec("sessiongrid.RouteKey", RouteKey.class,
                r -> new RouteKey(r.readString("app"), r.readString("sessionId")),
                (w, k) -> {
                    w.writeString("app", k.app());
                    w.writeString("sessionId", k.sessionId());
                });
    }

    static CompactSerializer<Route> route() {
        return codec("sessiongrid.Route", Route.class,
                r -> new Route(r.readString("userId"), r.readString(Route.WORKER_ATTRIBUTE)),
                (w, v) -> {
                    w.writeString("userId", v.userId());
                    w.writeString(Route.WORKER_ATTRIBUTE, v.workerId());
                });
    }

    static CompactSerializer<RouteEntry> routeEntry() {
        return codec("sessiongrid.RouteEntry", RouteEntry.class,
                r -> new RouteEntry(r.readString("sessionId"), r.readString("userId"), r.readString("workerId"),
                        r.readFloat64("lastAccess")),
                (w, e) -> {
                    w.writeString("sessionId", e.sessionId());
                    w.writeString("userId", e.userId());
                    w.writeString("workerId", e.workerId());
                    w.writeFloat64("lastAccess", e.lastAccess());
                });
    }

    static CompactSerializer<IndexRouteProcessor> indexRoute() {
        return codec("sessiongrid.IndexRoute", IndexRouteProcessor.class,
                r -> new IndexRouteProcessor(r.readString("userId")), (w, p) -> w.writeString("userId", p.userId()));
    }

    static CompactSerializer<ReassignRouteProcessor> reassignRoute() {
        return codec("sessiongrid.ReassignRoute", ReassignRouteProcessor.class,
                r -> new ReassignRouteProcessor(r.readString("fromUserId"), r.readString("toUserId")),
                (w, p) -> {
                    w.writeString("fromUserId", p.fromUserId());
                    w.writeString("toUserId", p.toUserId());
                });
    }

    static CompactSerializer<SetRouteProcessor> setRoute() {
        return codec("sessiongrid.SetRoute", SetRouteProcessor.class,
                r -> new SetRouteProcessor(r.readString("userId"), r.readString("workerId")),
                (w, p) -> {
                    w.writeString("userId", p.userId());
                    w.writeString("workerId", p.workerId());
                });
    }

    static CompactSerializer<RerouteProcessor> reroute() {
        return codec("sessiongrid.Reroute", RerouteProcessor.class,
                r -> new RerouteProcessor(r.readString("from"), r.readString("to")),
                (w, p) -> {
                    w.writeString("from", p.from());
                    w.writeString("to", p.to());
                });
    }

    static CompactSerializer<RemoveRouteProcessor> removeRoute() {
        return codec("sessiongrid.RemoveRoute", RemoveRouteProcessor.class,
                r -> new RemoveRouteProcessor(r.readString("userId"), r.readString("workerId")),
                (w, p) -> {
                    w.writeString("userId", p.userId());
                    w.writeString("workerId", p.workerId());
                });
    }

    static CompactSerializer<WorkerPageAggregator> workerPage() {
        return codec("sessiongrid.WorkerPage", WorkerPageAggregator.class,
                r -> new WorkerPageAggregator(r.readString("afterSessionId"), r.readInt32("limit"),
                        Arrays.asList(r.readArrayOfCompact("collected", RouteEntry.class))),
                (w, a) -> {
                    w.writeString("afterSessionId", a.afterSessionId());
                    w.writeInt32("limit", a.limit());
                    w.writeArrayOfCompact("collected", a.collected().toArray(new RouteEntry[0]));
                });
    }

    static CompactSerializer<WorkerCountsAggregator> workerCounts() {
        return codec("sessiongrid.WorkerCounts", WorkerCountsAggregator.class,
                r -> {
                    String[] workers = r.readArrayOfString("workers");
                    long[] counts = r.readArrayOfInt64("counts");
                    Map<String, Long> map = new LinkedHashMap<>();
                    for (int i = 0; i < workers.length; i++) {
                        map.put(workers[i], counts[i]);
                    }
                    return new WorkerCountsAggregator(map);
                },
                (w, a) -> {
                    w.writeArrayOfString("workers", a.counts().keySet().toArray(new String[0]));
                    w.writeArrayOfInt64("counts", a.counts().values().stream().mapToLong(Long::longValue).toArray());
                });
    }

    static CompactSerializer<SweepIdleProcessor> sweepIdle() {
        return codec("sessiongrid.SweepIdle", SweepIdleProcessor.class,
                r -> new SweepIdleProcessor(r.readFloat64("cutoff")), (w, p) -> w.writeFloat64("cutoff", p.cutoff()));
    }

    static CompactSerializer<IdleSessionsAggregator> idleSessions() {
        return codec("sessiongrid.IdleSessions", IdleSessionsAggregator.class,
                r -> new IdleSessionsAggregator(r.readFloat64("cutoff"),
                        Arrays.asList(r.readArrayOfCompact("idle", SessionKey.class))),
                (w, a) -> {
                    w.writeFloat64("cutoff", a.cutoff());
                    w.writeArrayOfCompact("idle", a.idle().toArray(new SessionKey[0]));
                });
    }

    static CompactSerializer<LastAccessProcessor> lastAccess() {
        return codec("sessiongrid.LastAccess", LastAccessProcessor.class,
                r -> new LastAccessProcessor(PackedFields.readInt64(r, "appMaxIdleSeconds", 0)),
                (w, p) -> w.writeInt64("appMaxIdleSeconds", p.appMaxIdleSeconds()));
    }
}
