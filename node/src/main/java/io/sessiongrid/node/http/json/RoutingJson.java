package io.sessiongrid.node.http.json;

import io.sessiongrid.node.session.RerouteResult;
import io.sessiongrid.node.session.RoutePage;
import io.sessiongrid.node.session.routing.RouteEntry;

import java.util.Map;

/** Renders routes and worker answers. */
public final class RoutingJson {

    private RoutingJson() {
    }

    /** A route lookup's answer, with the session's last access. */
    public static byte[] route(RouteEntry r) {
        JsonBytes json = new JsonBytes(128).beginObject();
        fields(json, r);
        return json.name("lastAccess").number(r.lastAccess()).endObject().toByteArray();
    }

    /** A pin's answer: the route as set (workerId null after unpinning). */
    public static byte[] pinned(RouteEntry r) {
        JsonBytes json = new JsonBytes(128).beginObject();
        fields(json, r);
        return json.endObject().toByteArray();
    }

    public static byte[] page(RoutePage page) {
        JsonBytes json = new JsonBytes(96 * (page.routes().size() + 1)).beginObject().name("sessions").beginArray();
        for (RouteEntry r : page.routes()) {
            json.beginObject();
            fields(json, r);
            json.endObject();
        }
        return json.endArray().name("nextPageToken").string(page.nextPageToken()).endObject().toByteArray();
    }

    public static byte[] workerCount(String workerId, long count) {
        return new JsonBytes(64).beginObject().name("workerId").string(workerId).name("count").number(count)
                .endObject().toByteArray();
    }

    public static byte[] workerCounts(Map<String, Long> counts) {
        JsonBytes json = new JsonBytes(32 * (counts.size() + 2)).beginObject()
                .name("total").number(counts.values().stream().mapToLong(Long::longValue).sum())
                .name("workers").beginObject();
        counts.forEach((w, n) -> json.name(w).number(n));
        return json.endObject().endObject().toByteArray();
    }

    public static byte[] reroute(RerouteResult result) {
        return new JsonBytes(48).beginObject().name("moved").number(result.moved())
                .name("remaining").number(result.remaining()).endObject().toByteArray();
    }

    private static void fields(JsonBytes json, RouteEntry r) {
        json.name("sessionId").string(r.sessionId()).name("userId").string(r.userId()).name("workerId").string(r.workerId());
    }
}
