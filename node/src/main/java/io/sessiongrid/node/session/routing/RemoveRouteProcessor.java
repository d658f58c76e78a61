package io.sessiongrid.node.session.routing;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Removes a route if it still belongs to {@code userId} (when given) and still points at
 * {@code workerId} (when given); answers the removed route's user, or null when nothing was removed.
 */
public record RemoveRouteProcessor(String userId, String workerId) implements EntryProcessor<RouteKey, Route, String> {

    @Override
    public String process(Map.Entry<RouteKey, Route> entry) {
        Route current = entry.getValue();
        if (current == null
                || (userId != null && !current.userId().equals(userId))
                || (workerId != null && !current.workerId().equals(workerId))) {
            return null;
        }
        entry.setValue(null);
        return current.userId();
    }
}
