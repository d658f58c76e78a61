package io.sessiongrid.node.session.routing;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Removes a route if it still belongs to {@code userId} (when given) and still points at
 * {@code workerId} (when given); answers the removed route's user, or null when nothing was removed.
 * The conditions hold on the backup too (the same route), and a backup runs only after a removal.
 */
public final class RemoveRouteProcessor implements EntryProcessor<RouteKey, Route, String> {

    private final String userId;
    private final String workerId;
    private transient boolean removed;

    public RemoveRouteProcessor(String userId, String workerId) {
        this.userId = userId;
        this.workerId = workerId;
    }

    public String userId() {
        return userId;
    }

    public String workerId() {
        return workerId;
    }

    @Override
    public String process(Map.Entry<RouteKey, Route> entry) {
        Route current = entry.getValue();
        if (current == null
                || (userId != null && !current.userId().equals(userId))
                || (workerId != null && !workerId.equals(current.workerId()))) {
            return null;
        }
        entry.setValue(null);
        removed = true;
        return current.userId();
    }

    @Override
    public EntryProcessor<RouteKey, Route, String> getBackupProcessor() {
        // Partition-wide runs (a drain) replay on backups with the same predicate: always send then.
        return removed || workerId != null ? this : null;
    }
}
