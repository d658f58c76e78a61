package io.sessiongrid.node.session.routing;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Hands a session's route to the user the session moves to (a re-key keeps the id), worker included,
 * in one step: a lookup by id never finds the id unrouted in between. A route of a third user answers
 * {@code false} and changes nothing; a missing one is created without a worker.
 */
public final class ReassignRouteProcessor implements EntryProcessor<RouteKey, Route, Boolean> {

    private final String fromUserId;
    private final String toUserId;
    private transient boolean changed;

    public ReassignRouteProcessor(String fromUserId, String toUserId) {
        this.fromUserId = fromUserId;
        this.toUserId = toUserId;
    }

    public String fromUserId() {
        return fromUserId;
    }

    public String toUserId() {
        return toUserId;
    }

    @Override
    public Boolean process(Map.Entry<RouteKey, Route> entry) {
        Route current = entry.getValue();
        if (current != null && current.userId().equals(toUserId)) {
            return Boolean.TRUE;
        }
        if (current != null && !current.userId().equals(fromUserId)) {
            return Boolean.FALSE;
        }
        entry.setValue(new Route(toUserId, current == null ? null : current.workerId()));
        changed = true;
        return Boolean.TRUE;
    }

    @Override
    public EntryProcessor<RouteKey, Route, Boolean> getBackupProcessor() {
        return changed ? this : null;
    }
}
