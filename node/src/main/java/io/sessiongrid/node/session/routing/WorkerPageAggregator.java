package io.sessiongrid.node.session.routing;

import com.hazelcast.aggregation.Aggregator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One page of a worker's routes, ordered by session id after an exclusive cursor. Run with the
 * indexed predicate {@code workerId = w}, so members read only that worker's routes, and each ships
 * at most {@code limit + 1} of them (the extra one tells whether another page follows).
 */
public final class WorkerPageAggregator implements Aggregator<Map.Entry<RouteKey, Route>, List<RouteEntry>> {

    private final String afterSessionId;
    private final int limit;
    private final TreeMap<String, RouteEntry> page = new TreeMap<>();

    public WorkerPageAggregator(String afterSessionId, int limit, List<RouteEntry> collected) {
        this.afterSessionId = afterSessionId;
        this.limit = limit;
        collected.forEach(this::keep);
    }

    public String afterSessionId() {
        return afterSessionId;
    }

    public int limit() {
        return limit;
    }

    public List<RouteEntry> collected() {
        return new ArrayList<>(page.values());
    }

    @Override
    public void accumulate(Map.Entry<RouteKey, Route> entry) {
        String sessionId = entry.getKey().sessionId();
        if (afterSessionId != null && sessionId.compareTo(afterSessionId) <= 0) {
            return;
        }
        Route route = entry.getValue();
        keep(new RouteEntry(sessionId, route.userId(), route.workerId(), 0));
    }

    private void keep(RouteEntry e) {
        if (page.size() > limit && e.sessionId().compareTo(page.lastKey()) >= 0) {
            return;
        }
        page.put(e.sessionId(), e);
        while (page.size() > limit + 1) {
            page.pollLastEntry();
        }
    }

    @Override
    public void combine(Aggregator aggregator) {
        ((WorkerPageAggregator) aggregator).page.values().forEach(this::keep);
    }

    @Override
    public List<RouteEntry> aggregate() {
        return new ArrayList<>(page.values());
    }
}
