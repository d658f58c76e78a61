package io.sessiongrid.node.process;

import io.sessiongrid.client.SessionGridClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three node processes under a load of appends over 1,500 sessions; one member is frozen with SIGSTOP
 * (alive, its ports still accepting connections, nothing answering) as a stalled VM or a long GC pause
 * would freeze it. The others suspect it within seconds, take over its partitions and the load goes on.
 * Then it is thawed (SIGCONT): removed meanwhile, it answers 503 until it has learnt so (its pause fence),
 * then goes on as a cluster of its own that refuses writes (write quorum 2 of 3), and merges back. Every
 * acknowledged event is stored exactly once throughout.
 *
 * <p>The frozen member is the first: the oldest member (the master) and the endpoint the SDK starts at,
 * the worst of the three to lose. {@code -Dsessiongrid.it.node-properties=k=v,k=v} passes further system
 * properties to every node, e.g. Hazelcast's old 60 s defaults to measure the stall they give;
 * {@code -Dsessiongrid.it.request-timeout=PT3S} shortens the SDK's wait for an answer from its 10 s default.
 */
class FrozenMemberIT {

    private static final int SESSIONS = 1_500;
    private static final int THREADS = 4;
    /** How long the member stays frozen while the load runs. */
    /**
     * Long enough for phi-accrual on a loaded two-core box: irregular heartbeats earlier in the run
     * widen its margin, and one CI run took 17 s to suspect the frozen member (7 s is typical).
     */
    private static final Duration FROZEN = Duration.ofSeconds(30);
    /** How long the load runs after the thaw. */
    private static final Duration THAWED = Duration.ofSeconds(15);

    @Test
    void aFrozenMemberIsSuspectedWithinSecondsAndLosesNoAcknowledgedEvent() throws Exception {
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try (ProcessCluster cluster = new ProcessCluster("frozen", 3, nodeProperties());
             SessionGridClient client = cluster.client();
             SessionGridClient thawedFirst = cluster.clientStartingAt(0)) {
            SessionLoad load = new SessionLoad(client, SESSIONS);
            load.createSessions(THREADS);
            Samples samples = new Samples(load);
            sampler.scheduleAtFixedRate(samples::take, 0, 100, TimeUnit.MILLISECONDS);
            load.start(THREADS);
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledgedCount() >= 2_000);
            Thread.sleep(5_000);

            NodeProcess frozen = cluster.node(0);
            long freezeAt = System.nanoTime();
            long failedBefore = load.failedCount();
            long longestBefore = load.resetLongestCall();
            double before = samples.rate(freezeAt - 5_000_000_000L, freezeAt);
            try {
                frozen.freeze();
                Thread.sleep(FROZEN.toMillis());
                long frozenEnd = System.nanoTime();
                long acknowledgedFrozen = samples.acknowledgedAt(frozenEnd) - samples.acknowledgedAt(freezeAt);
                Duration recovery = samples.recovery(freezeAt, frozenEnd, before / 2);
                List<Long> perSecond = samples.perSecond(freezeAt, frozenEnd);
                load.stop();
                long failedFrozen = load.failedCount() - failedBefore;
                long longestFrozen = load.resetLongestCall();
                System.out.printf("FrozenMemberIT: before the freeze %.0f appends/s (longest call %d ms, %d failed calls);"
                                + " frozen %d s: %.0f appends/s, each second %s, back to half the rate after %s,"
                                + " longest call %d ms, %d failed calls%n",
                        before, longestBefore, failedBefore, FROZEN.toSeconds(),
                        acknowledgedFrozen / (double) FROZEN.toSeconds(), perSecond,
                        recovery == null ? "never" : recovery.toMillis() + " ms", longestFrozen, failedFrozen);

                cluster.awaitClusterSafeWithout(frozen);
                List<String> problemsFrozen = load.verify();
                report("while frozen", problemsFrozen);
                assertThat(problemsFrozen).isEmpty();
                assertThat(acknowledgedFrozen).as("appends acknowledged in the %s after the freeze", FROZEN)
                        .isGreaterThanOrEqualTo(500);
                assertThat(recovery).as("time until the load is back to half its rate").isNotNull();
                assertThat(longestFrozen).as("longest call while frozen, ms (Hazelcast's old defaults: 30 s, the SDK's"
                        + " deadline)").isLessThan(25_000);

                // Thawed: it was removed meanwhile. A client that starts at it shows what it does with calls.
                SessionLoad probe = new SessionLoad(thawedFirst, SESSIONS);
                frozen.thaw();
                long thawAt = System.nanoTime();
                load.start(THREADS);
                probe.start(1);
                Thread.sleep(THAWED.toMillis());
                long thawEnd = System.nanoTime();
                load.stop();
                probe.stop();
                long failedThawed = load.failedCount() - failedBefore - failedFrozen;
                System.out.printf("FrozenMemberIT: thawed %d s: %.0f appends/s, each second %s, longest call %d ms,"
                                + " %d failed calls; through the thawed node first: %d acknowledged, %d failed calls,"
                                + " longest call %d ms%n",
                        THAWED.toSeconds(), samples.rate(thawAt, thawEnd), samples.perSecond(thawAt, thawEnd),
                        load.resetLongestCall(), failedThawed, probe.acknowledgedCount(), probe.failedCount(),
                        probe.longestCallMillis());
                long mergeWait = System.nanoTime();
                cluster.awaitMembers(3, Duration.ofSeconds(120));
                System.out.printf("FrozenMemberIT: the thawed member was back in the cluster %.1f s after the load"
                        + " stopped%n", (System.nanoTime() - mergeWait) / 1e9);
                List<String> problemsThawed = new ArrayList<>(load.verify());
                problemsThawed.addAll(probe.verify());
                report("after the thaw", problemsThawed);
                System.out.printf("FrozenMemberIT: %d acknowledged appends, %d lost%n",
                        load.acknowledgedCount() + probe.acknowledgedCount(),
                        problemsThawed.stream().filter(p -> p.contains("lost")).count());
                assertThat(problemsThawed).isEmpty();
            } finally {
                if (frozen.alive()) {
                    frozen.thaw();
                }
            }
        } finally {
            sampler.shutdownNow();
        }
    }

    private static void report(String when, List<String> problems) {
        System.out.printf("FrozenMemberIT: %d problems %s%n", problems.size(), when);
        problems.stream().limit(10).forEach(p -> System.out.println("  " + p));
    }

    private static Map<String, String> nodeProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        // A member removed while frozen comes back alone: without a quorum it would take writes that the merge drops.
        properties.put("sessiongrid.cluster.write-quorum", "2");
        String extra = System.getProperty("sessiongrid.it.node-properties", "");
        for (String pair : extra.split(",")) {
            if (!pair.isBlank()) {
                int eq = pair.indexOf('=');
                properties.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return properties;
    }

    /** The acknowledged count over time, sampled every 100 ms. */
    private static final class Samples {
        private final SessionLoad load;
        private final List<long[]> taken = new ArrayList<>();

        Samples(SessionLoad load) {
            this.load = load;
        }

        synchronized void take() {
            taken.add(new long[] {System.nanoTime(), load.acknowledgedCount()});
        }

        /** The count at the last sample taken at or before {@code nanos}. */
        synchronized long acknowledgedAt(long nanos) {
            long count = 0;
            for (long[] s : taken) {
                if (s[0] > nanos) {
                    break;
                }
                count = s[1];
            }
            return count;
        }

        double rate(long from, long to) {
            return (acknowledgedAt(to) - acknowledgedAt(from)) / ((to - from) / 1e9);
        }

        /** Appends acknowledged in each whole second from {@code from} until {@code to}. */
        List<Long> perSecond(long from, long to) {
            List<Long> seconds = new ArrayList<>();
            for (long t = from; t + 1_000_000_000L <= to; t += 1_000_000_000L) {
                seconds.add(acknowledgedAt(t + 1_000_000_000L) - acknowledgedAt(t));
            }
            return seconds;
        }

        /**
         * How long after {@code from} the load was back to {@code rate} appends per second, after it fell
         * below: the start of the first one-second window (sliding by 100 ms) at that rate that follows one
         * below it; zero if it never fell below; null if it never came back before {@code to}.
         */
        Duration recovery(long from, long to, double rate) {
            boolean stalled = false;
            for (long t = from; t + 1_000_000_000L <= to; t += 100_000_000L) {
                boolean atRate = acknowledgedAt(t + 1_000_000_000L) - acknowledgedAt(t) >= rate;
                if (!atRate) {
                    stalled = true;
                } else if (stalled) {
                    return Duration.ofNanos(t - from);
                }
            }
            if (!stalled) {
                return Duration.ZERO;
            }
            return null;
        }
    }
}
