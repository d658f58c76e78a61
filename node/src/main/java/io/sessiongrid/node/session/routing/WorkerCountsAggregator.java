package io.sessiongrid.node.session.routing;

import com.hazelcast.aggregation.Aggregator;

import java.util.Map;
import java.util.TreeMap;

/** Sessions per worker, counted where the routes live (run with the indexed {@code workerId in (...)}). */
public final class WorkerCountsAggregator implements Aggregator<Map.Entry<RouteKey, Route>, Map<String, Long>> {

    private final TreeMap<String, Long> counts;

    public WorkerCountsAggregator(Map<String, Long> counts) {
        this.counts = new TreeMap<>(counts);
    }

    public Map<String, Long> counts() {
        return counts;
    }

    @Override
    public void accumulate(Map.Entry<RouteKey, Route> entry) {
        counts.merge(entry.getValue().workerId(), 1L, Long::sum);
    }

    @Override
    public void combine(Aggregator aggregator) {
        ((WorkerCountsAggregator) aggregator).counts.forEach((w, n) -> counts.merge(w, n, Long::sum));
    }

    @Override
    public Map<String, Long> aggregate() {
        return counts;
    }
}
