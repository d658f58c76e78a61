package io.sessiongrid.node.cluster;

import io.micronaut.context.annotation.Context;
import io.sessiongrid.node.config.ClusterSettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Notices when this whole process stopped running for a while (SIGSTOP, a stalled or migrated VM, a long
 * stop-the-world GC pause): a thread wakes every 100 ms and measures the gap. A pause of half
 * {@code max-no-heartbeat} or more may have outlasted the other members' patience, so they may have
 * removed this member and promoted the backups of its partitions, while this member still acts on its old
 * view until its first heartbeats after the pause tell it otherwise (a few hundred milliseconds). A write
 * applied to its old primary copies then would be acknowledged and later dropped by the merge. So nothing
 * is answered from that view: a request under way across the pause, or arriving during it or within three
 * heartbeat intervals after it, is refused ({@link #allows}). By then the member knows whether it is still
 * one; a removed member goes on alone until it merges back, where {@code write-quorum} refuses writes.
 *
 * <p>Shorter pauses cannot have got the member removed: suspicion needs at least {@code max-no-heartbeat}
 * of silence, which is at least two heartbeat intervals.
 */
@Context
public class PauseFence {

    private static final Logger LOG = LoggerFactory.getLogger(PauseFence.class);
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final LongSupplier clock;
    private final long pauseNanos;
    private final long holdNanos;
    private final Thread ticker;
    private volatile long lastTick;
    private volatile boolean paused;
    private volatile long pauseEnded;

    @Inject
    public PauseFence(ClusterSettings settings) {
        this(System::nanoTime, settings.maxNoHeartbeat().dividedBy(2), settings.heartbeatInterval().multipliedBy(3), true);
    }

    /**
     * @param pause the shortest gap between ticks that counts as a pause
     * @param hold  how long after a pause requests are still refused
     * @param tick  whether a thread of its own ticks; without one, {@link #tick} is called by the caller
     */
    PauseFence(LongSupplier clock, Duration pause, Duration hold, boolean tick) {
        this.clock = clock;
        this.pauseNanos = pause.toNanos();
        this.holdNanos = hold.toNanos();
        this.lastTick = clock.getAsLong();
        if (tick) {
            ticker = new Thread(this::tickUntilInterrupted, "sessiongrid-pause-fence");
            ticker.setDaemon(true);
            ticker.start();
        } else {
            ticker = null;
        }
    }

    private void tickUntilInterrupted() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                TimeUnit.NANOSECONDS.sleep(TICK_NANOS);
                tick();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void tick() {
        long now = clock.getAsLong();
        long gap = now - lastTick;
        if (gap >= pauseNanos) {
            // Written before lastTick, so whoever sees the new tick sees the pause too.
            pauseEnded = now;
            paused = true;
            LOG.warn("This process did not run for {} ms (frozen, a stalled VM or a long GC pause): the cluster may"
                    + " have removed this member meanwhile. Requests under way across the pause and those of the next"
                    + " {} ms get 503 unavailable", TimeUnit.NANOSECONDS.toMillis(gap), TimeUnit.NANOSECONDS.toMillis(holdNanos));
        }
        lastTick = now;
    }

    /** The time to pass to {@link #allows} for a request that begins now. */
    public long now() {
        return clock.getAsLong();
    }

    /**
     * Whether a request that began at {@code began} ({@link #now}) may be answered now: no pause is under
     * way (one the ticker has not yet seen shows as a late tick), none ended in the hold time just passed,
     * and none ended after the request began.
     */
    public boolean allows(long began) {
        long now = clock.getAsLong();
        if (now - lastTick >= pauseNanos) {
            return false;
        }
        if (!paused) {
            return true;
        }
        long ended = pauseEnded;
        return now - ended >= holdNanos && began - ended > 0;
    }

    @PreDestroy
    void stop() {
        if (ticker != null) {
            ticker.interrupt();
        }
    }
}
