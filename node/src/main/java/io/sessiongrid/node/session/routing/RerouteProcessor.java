package io.sessiongrid.node.session.routing;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/** Moves one route from a worker to another, atomically on its key; a route elsewhere stays. */
public record RerouteProcessor(String from, String to) implements EntryProcessor<RouteKey, Route, Boolean> {

    @Override
    public Boolean process(Map.Entry<RouteKey, Route> entry) {
        Route current = entry.getValue();
        if (current == null || !current.workerId().equals(from)) {
            return null;
        }
        entry.setValue(new Route(current.userId(), to));
        return Boolean.TRUE;
    }
}
