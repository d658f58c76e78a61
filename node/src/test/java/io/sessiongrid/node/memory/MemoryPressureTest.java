package io.sessiongrid.node.memory;

import io.sessiongrid.node.support.TestCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One member's heap after GC decides whether every node takes writes, with 5 points of hysteresis. */
class MemoryPressureTest {

    private static final MemorySettings MARK_AT_85 = new MemorySettings(0.85, true);

    @Test
    void aPressedMemberStopsWritesOnEveryNodeUntilItFallsFivePointsBelowTheMark() {
        try (TestCluster cluster = new TestCluster(2)) {
            MemoryPressure first = new MemoryPressure(MARK_AT_85, cluster.member(0), false);
            MemoryPressure second = new MemoryPressure(MARK_AT_85, cluster.member(1), false);
            try {
                first.update(0.84);
                assertThat(first.writesRefused()).isFalse();

                first.update(0.86);
                assertThat(first.writesRefused()).isTrue();
                await().atMost(Duration.ofSeconds(10)).until(second::writesRefused);

                first.update(0.81);
                assertThat(first.writesRefused()).as("within the hysteresis").isTrue();
                first.update(0.79);
                await().atMost(Duration.ofSeconds(10)).until(() -> !first.writesRefused());
                await().atMost(Duration.ofSeconds(10)).until(() -> !second.writesRefused());
            } finally {
                first.close();
                second.close();
            }
        }
    }

    @Test
    void aMemberThatLeavesPressedNoLongerStopsWrites() {
        try (TestCluster cluster = new TestCluster(2)) {
            MemoryPressure leaving = new MemoryPressure(MARK_AT_85, cluster.member(1), false);
            MemoryPressure staying = new MemoryPressure(MARK_AT_85, cluster.member(0), false);
            try {
                leaving.update(0.95);
                await().atMost(Duration.ofSeconds(10)).until(staying::writesRefused);

                cluster.member(1).getLifecycleService().terminate();

                await().atMost(Duration.ofSeconds(30)).until(() -> !staying.writesRefused());
            } finally {
                leaving.close();
                staying.close();
            }
        }
    }

    @Test
    void theMarkMustBeAFractionOrOff() {
        assertThat(new MemorySettings(0, true).highWater()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MemorySettings(85, true))
                .hasMessageContaining("sessiongrid.memory.high-water must be 0 (off) or a fraction below 1, not 85.0");
    }
}
