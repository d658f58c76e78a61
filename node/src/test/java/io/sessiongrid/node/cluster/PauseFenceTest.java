package io.sessiongrid.node.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests the fence lets a node answer around a pause of its process, on a clock the test moves. */
class PauseFenceTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000_000 * MS);
    private final PauseFence fence = new PauseFence(clock::get, Duration.ofMillis(2_500), Duration.ofSeconds(3), false);

    @Test
    void withoutAPauseEveryRequestIsAnswered() {
        long began = fence.now();
        for (int i = 0; i < 50; i++) {
            advance(100);
            fence.tick();
        }
        assertThat(fence.allows(began)).isTrue();
        assertThat(fence.allows(fence.now())).isTrue();
    }

    @Test
    void aGapJustShortOfAPauseChangesNothing() {
        long began = fence.now();
        advance(2_499);
        assertThat(fence.allows(began)).isTrue();
        fence.tick();
        assertThat(fence.allows(began)).isTrue();
        assertThat(fence.allows(fence.now())).isTrue();
    }

    @Test
    void aPauseTheTickerHasNotSeenYetRefusesEveryRequest() {
        long before = fence.now();
        advance(20_000);
        // The process runs again; a request thread got the CPU before the ticker did.
        assertThat(fence.allows(before)).isFalse();
        assertThat(fence.allows(fence.now())).isFalse();
    }

    @Test
    void requestsAcrossAPauseAreNeverAnsweredAndNewOnesOnlyAfterTheHold() {
        long before = fence.now();
        advance(20_000);
        long arrivedInThePause = fence.now();
        fence.tick();

        assertThat(fence.allows(before)).isFalse();
        assertThat(fence.allows(arrivedInThePause)).isFalse();
        advance(100);
        fence.tick();
        long justAfter = fence.now();
        assertThat(fence.allows(justAfter)).isFalse();

        for (int i = 0; i < 30; i++) {
            advance(100);
            fence.tick();
        }
        assertThat(fence.allows(fence.now())).as("a request after the hold").isTrue();
        assertThat(fence.allows(justAfter)).as("one that began after the pause ended, answered after the hold").isTrue();
        assertThat(fence.allows(before)).as("one under way across the pause, however late").isFalse();
        assertThat(fence.allows(arrivedInThePause)).isFalse();
    }

    private void advance(long millis) {
        clock.addAndGet(millis * MS);
    }
}
