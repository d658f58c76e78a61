package io.sessiongrid.node.session.routing;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Pins a session to a worker, or unpins it with a null worker (the route stays, without a worker, as
 * the session's entry in the id index). A route belongs to the user whose
 * session made it: another user's session with the same id gets {@code false} and changes nothing
 * (unpinning it changes nothing either, and succeeds). Backups follow only an actual change.
 */
public final class SetRouteProcessor implements EntryProcessor<RouteKey, Route, Boolean> {

    private final String userId;
    private final String workerId;
    private transient boolean changed;

    public SetRouteProcessor(String userId, String workerId) {
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
    public Boolean process(Map.Entry<RouteKey, Route> entry) {
        Route current = entry.getValue();
        if (current != null && !current.userId().equals(userId)) {
            return workerId == null;
        }
        if (workerId == null && (current == null || current.workerId() == null)) {
            return Boolean.TRUE;
        }
        // Unpinning keeps the route as an id-index entry: the session stays findable by its id alone.
        entry.setValue(new Route(userId, workerId));
        changed = true;
        return Boolean.TRUE;
    }

    @Override
    public EntryProcessor<RouteKey, Route, Boolean> getBackupProcessor() {
        return changed ? this : null;
    }
}
