package io.sessiongrid.node.session.routing;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Makes a session findable by its id alone: a route without a worker, owned by {@code userId}. A route
 * the same user's session already has (pinned or not) stays as it is; another user's answers
 * {@code false} and changes nothing. Backups follow only an actual change.
 */
public final class IndexRouteProcessor implements EntryProcessor<RouteKey, Route, Boolean> {

    private final String userId;
    private transient boolean changed;

    public IndexRouteProcessor(String userId) {
        this.userId = userId;
    }

    public String userId() {
        return userId;
    }

    @Override
    public Boolean process(Map.Entry<RouteKey, Route> entry) {
        Route current = entry.getValue();
        if (current != null) {
            return current.userId().equals(userId);
        }
        entry.setValue(new Route(userId, null));
        changed = true;
        return Boolean.TRUE;
    }

    @Override
    public EntryProcessor<RouteKey, Route, Boolean> getBackupProcessor() {
        return changed ? this : null;
    }
}
