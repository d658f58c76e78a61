package io.sessiongrid.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The HTTP server's connections: {@code sessiongrid.connections.open}, {@code sessiongrid.connections.refused{reason}}
 * and {@code sessiongrid.connections.timed.out}. Tags are a fixed set: nothing a client sends names a meter.
 */
public final class ConnectionMetrics {

    static final String OPEN = "sessiongrid.connections.open";
    static final String REFUSED = "sessiongrid.connections.refused";
    static final String TIMED_OUT = "sessiongrid.connections.timed.out";

    /** Why a connection was closed unserved. */
    public enum Refusal {
        /** Beyond the cap and the health reserve. */
        LIMIT,
        /** Accepted into the health reserve, but it sent no probe (another request, or none before a newer one needed its place). */
        RESERVE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Supplier<MeterRegistry> registry;
    private volatile boolean gaugeRegistered;

    public ConnectionMetrics(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    /** Registers the open-connections gauge once; later calls do nothing. */
    public void watchOpen(IntSupplier open) {
        if (gaugeRegistered) {
            return;
        }
        synchronized (this) {
            if (!gaugeRegistered) {
                Gauge.builder(OPEN, open, IntSupplier::getAsInt).strongReference(true)
                        .description("HTTP connections open, the health reserve's included").register(registry.get());
                gaugeRegistered = true;
            }
        }
    }

    public void refused(Refusal reason) {
        Counter.builder(REFUSED).description("HTTP connections closed unserved: beyond the cap (limit) or in the"
                        + " health reserve without a probe (reserve)")
                .tag("reason", reason.tag()).register(registry.get()).increment();
    }

    public void timedOut() {
        Counter.builder(TIMED_OUT).description("HTTP connections closed for not sending a complete request within"
                + " sessiongrid.limits.request-timeout").register(registry.get()).increment();
    }
}
