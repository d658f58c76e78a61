package io.sessiongrid.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code sessiongrid.hot.route.requests{route=create|append|get, served=hot|micronaut}}: requests on the three hot
 * routes, by who served them. Micronaut serves the ones the fast path declines (an unusual header or id,
 * an app's first call on this member, a request pipelined behind one of Micronaut's): a rising share of
 * {@code micronaut} says clients pay for the slow path. Six fixed series.
 */
public final class HotRouteMetrics {

    static final String NAME = "sessiongrid.hot.route.requests";

    public enum Route { CREATE, APPEND, GET }

    private final Supplier<MeterRegistry> registry;
    /** Indexed by route ordinal * 2 + (served by Micronaut ? 1 : 0); built at first use. */
    private final Counter[] counters = new Counter[Route.values().length * 2];

    public HotRouteMetrics(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    public void served(Route route, boolean hot) {
        int index = route.ordinal() * 2 + (hot ? 0 : 1);
        Counter counter = counters[index];
        if (counter == null) {
            counter = Counter.builder(NAME)
                    .description("Requests on the hot routes (create, append, get) by who served them: the fast path (hot)"
                            + " or Micronaut's router (micronaut), which takes what the fast path declines")
                    .tag("route", route.name().toLowerCase(Locale.ROOT))
                    .tag("served", hot ? "hot" : "micronaut")
                    .register(registry.get());
            counters[index] = counter; // a race registers the same meter twice: the registry returns one
        }
        counter.increment();
    }
}
