package io.sessiongrid.node.session.routing;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Pins a session to a worker, or unpins it with a null worker. A route belongs to the user whose
 * session made it: another user's session with the same id gets {@code false} and changes nothing.
 */
public record SetRouteProcessor(String userId, String workerId) implements EntryProcessor<RouteKey, Route, Boolean> {

    @Override
    public Boolean process(Map.Entry<RouteKey, Route> entry) {
        Route current = entry.getValue();
        if (current != null && !current.userId().equals(userId)) {
            return Boolean.FALSE;
        }
        entry.setValue(workerId == null ? null : new Route(userId, workerId));
        return Boolean.TRUE;
    }
}
