package io.sessiongrid.node.memory;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.replicatedmap.ReplicatedMap;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Context;
import io.sessiongrid.node.session.SessionGridError;
import io.sessiongrid.node.session.WriteAdmission;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import io.sessiongrid.node.concurrent.DaemonScheduler;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the cluster is short of heap, so that writes are refused (503) before a member's heap is
 * full rather than after. Each member reads its heap as it stands after each garbage collection. A
 * full (major) collection's figure is what is reachable, and decides: above {@code high-water} of the
 * maximum heap the member is pressed, 5 points below it is not. A young collection's figure still
 * counts the old generation's garbage, so above the mark it only asks for a full collection (at most
 * one every 5 s) to decide; below the lower mark it lifts the pressure at once. A write received by one
 * node lands on whichever member owns its partition, so a pressed member publishes itself in a small
 * replicated map, and every node refuses writes while any member is pressed. Every second each member
 * re-reads the map and publishes its own state again if the map disagrees (a failed publish, a member
 * that left pressed), and a pressed member that has not collected for 5 s (refused writes allocate
 * little) collects to learn whether it may lift the pressure.
 */
@Context
public class MemoryPressure implements MeterBinder, WriteAdmission {

    public static final String MAP = "sessiongrid.memory-pressure";
    private static final Logger LOG = LoggerFactory.getLogger(MemoryPressure.class);
    private static final double HYSTERESIS = 0.05;
    private static final long CONFIRM_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final double highWater;
    private final long maxHeap = Runtime.getRuntime().maxMemory();
    private final String member;
    private final ReplicatedMap<String, Double> pressed;
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private final ScheduledExecutorService confirmer;
    private final AtomicLong refused = new AtomicLong();
    private volatile double heapAfterGc;
    private volatile long lastGcNanos = System.nanoTime();
    private volatile long lastConfirmNanos = System.nanoTime() - CONFIRM_AFTER_NANOS;
    private volatile boolean locallyPressed;
    private volatile int pressedMembers;

    @Inject
    public MemoryPressure(MemorySettings settings, HazelcastInstance hazelcast) {
        this(settings, hazelcast, true);
    }

    /** @param watchCollections false to feed {@link #update} by hand (tests: several members share a JVM's heap) */
    MemoryPressure(MemorySettings settings, HazelcastInstance hazelcast, boolean watchCollections) {
        this.highWater = settings.highWater();
        this.member = hazelcast.getCluster().getLocalMember().getUuid().toString();
        this.pressed = hazelcast.getReplicatedMap(MAP);
        hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                // A member that left (or died) pressed is pressed no more.
                pressed.remove(event.getMember().getUuid().toString());
            }
        });
        pressedMembers = pressed.size();
        if (highWater > 0 && watchCollections) {
            watchCollections();
        }
        confirmer = DaemonScheduler.named("sessiongrid-memory-pressure");
        confirmer.scheduleWithFixedDelay(this::reconcile, 1, 1, TimeUnit.SECONDS);
    }

    /** Whether writes are refused now: some member's heap after GC is above its high-water mark. */
    public boolean writesRefused() {
        return locallyPressed || pressedMembers > 0;
    }

    @Override
    public void admitWrite() {
        if (writesRefused()) {
            refused.incrementAndGet();
            throw new SessionGridError(SessionGridError.Kind.MEMORY_PRESSURE, "A member of the grid is short of heap"
                    + " (sessiongrid.memory.high-water): writes are refused until it has room again; nothing changed");
        }
    }

    private void watchCollections() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                NotificationListener listener = this::collected;
                emitter.addNotificationListener(listener, null, null);
                unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (Exception e) {
                        // Already gone.
                    }
                });
            }
        }
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                MemoryUsage after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                used += after == null ? 0 : after.getUsed();
            }
        }
        lastGcNanos = System.nanoTime();
        double fraction = (double) used / maxHeap;
        if (full(info)) {
            update(fraction);
        } else if (fraction < highWater - HYSTERESIS) {
            update(fraction);
        } else if (fraction > highWater && !locallyPressed) {
            heapAfterGc = fraction;
            confirmer.execute(this::collectIfDue);
        }
    }

    /** Whether a collection went through the whole heap, so what it left is what is reachable. */
    private static boolean full(GarbageCollectionNotificationInfo info) {
        String action = info.getGcAction();
        return action.contains("major") || (action.contains("cycle") && !info.getGcName().contains("Minor"));
    }

    private void collectIfDue() {
        if (System.nanoTime() - lastConfirmNanos >= CONFIRM_AFTER_NANOS) {
            lastConfirmNanos = System.nanoTime();
            System.gc();
        }
    }

    /** Changes the member's state at the mark (on) or 5 points below it (off). */
    void update(double fraction) {
        heapAfterGc = fraction;
        if (!locallyPressed && fraction > highWater) {
            locallyPressed = true;
            LOG.warn("Heap after GC at {}% of {} MB, above the high-water mark of {}%: writes are refused until it falls below {}%",
                    Math.round(fraction * 100), maxHeap >> 20, Math.round(highWater * 100), Math.round((highWater - HYSTERESIS) * 100));
            publish(true);
            pressedMembers = pressed.size();
        } else if (locallyPressed && fraction < highWater - HYSTERESIS) {
            locallyPressed = false;
            LOG.info("Heap after GC back at {}%: writes are accepted again", Math.round(fraction * 100));
            publish(false);
            pressedMembers = pressed.size();
        }
    }

    private void publish(boolean on) {
        try {
            if (on) {
                pressed.put(member, heapAfterGc);
            } else {
                pressed.remove(member);
            }
        } catch (RuntimeException e) {
            // Short of memory or leaving: the local flag still guards this node's own writes.
            LOG.warn("Could not publish this member's memory pressure: {}", e.toString());
        }
    }

    /** Every second: the cluster's count, this member's entry as it should be, a pressed member's check. */
    private void reconcile() {
        try {
            if (locallyPressed != pressed.containsKey(member)) {
                publish(locallyPressed);
            }
            pressedMembers = pressed.size();
        } catch (RuntimeException e) {
            LOG.debug("Memory pressure not reconciled this time: {}", e.toString());
        }
        if (locallyPressed && System.nanoTime() - lastGcNanos > CONFIRM_AFTER_NANOS) {
            collectIfDue();
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("sessiongrid.memory.heap-after-gc", this, m -> m.heapAfterGc)
                .description("Fraction of the maximum heap in use after this member's last garbage collection").register(registry);
        Gauge.builder("sessiongrid.memory.pressed-members", this, m -> m.pressedMembers)
                .description("Members above their heap high-water mark (writes are refused while any is)").register(registry);
        FunctionCounter.builder("sessiongrid.memory.refused", refused, AtomicLong::get)
                .description("Writes this node refused while a member was above its heap high-water mark").register(registry);
    }

    @PreDestroy
    void close() {
        unsubscribe.forEach(Runnable::run);
        confirmer.shutdownNow();
    }
}
