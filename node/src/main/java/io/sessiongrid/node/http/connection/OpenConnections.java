package io.sessiongrid.node.http.connection;

import io.netty.channel.Channel;
import io.sessiongrid.node.metrics.ConnectionMetrics;
import io.sessiongrid.node.metrics.ConnectionMetrics.Refusal;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the server's open connections and decides, at accept, whether a new one may stay: up to the
 * cap for any request, then a few more in the health reserve for probes only. A connection is accepted
 * before its request is known, so a reserve place is provisional until the connection shows a probe; when
 * the reserve is full, the oldest connection that has not yet shown one gives its place to the newcomer.
 * Connections held open to starve probes thus cannot keep the reserve, while a probe, which sends its
 * request as soon as it connects, keeps its place.
 */
public final class OpenConnections {

    private final int max;
    private final int reserve;
    private final ConnectionMetrics metrics;
    private final AtomicInteger regular = new AtomicInteger();
    /** Reserve places whose connection has shown no probe yet, oldest first. Guards {@link #reserved}. */
    private final ArrayDeque<Slot> undecided = new ArrayDeque<>();
    private int reserved;

    public OpenConnections(ConnectionLimits limits, ConnectionMetrics metrics) {
        this.max = limits.maxConnections();
        this.reserve = limits.healthReserve();
        this.metrics = metrics;
    }

    /** A place for a newly accepted connection, or null: close it at once. */
    Slot admit(Channel channel) {
        metrics.watchOpen(this::open);
        for (int n = regular.get(); n < max; n = regular.get()) {
            if (regular.compareAndSet(n, n + 1)) {
                return new Slot(channel, false);
            }
        }
        Slot evicted = null;
        Slot slot = new Slot(channel, true);
        synchronized (undecided) {
            if (reserved < reserve) {
                reserved++;
            } else {
                evicted = undecided.pollFirst();
                if (evicted == null) {
                    metrics.refused(Refusal.LIMIT);
                    return null;
                }
                evicted.handedOver = true;
            }
            undecided.addLast(slot);
        }
        if (evicted != null) {
            metrics.refused(Refusal.RESERVE);
            evicted.channel.close();
        }
        return slot;
    }

    /** Connections open now, the reserve's included. */
    public int open() {
        synchronized (undecided) {
            return regular.get() + reserved;
        }
    }

    /** One connection's place: regular or in the reserve. */
    final class Slot {

        private final Channel channel;
        private final boolean inReserve;
        private boolean released;
        /** A reserve place taken over by a newer connection; guarded by {@link #undecided}. */
        private boolean handedOver;

        private Slot(Channel channel, boolean inReserve) {
            this.channel = channel;
            this.inReserve = inReserve;
        }

        boolean inReserve() {
            return inReserve;
        }

        /** The connection's first request is a probe: its reserve place is its own until it closes. */
        void probeShown() {
            synchronized (undecided) {
                undecided.remove(this);
            }
        }

        /** The connection closed; idempotent. */
        void release() {
            if (!inReserve) {
                if (!released) {
                    released = true;
                    regular.decrementAndGet();
                }
                return;
            }
            synchronized (undecided) {
                if (!released) {
                    released = true;
                    if (!handedOver) {
                        reserved--;
                        undecided.remove(this);
                    }
                }
            }
        }
    }
}
