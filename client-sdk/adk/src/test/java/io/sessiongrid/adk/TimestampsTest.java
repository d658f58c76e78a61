package io.sessiongrid.adk;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampsTest {

    @Test
    void millisecondsSurviveTheTripThroughFractionalSeconds() {
        assertThat(Timestamps.toSeconds(5_500)).isEqualTo(5.5);
        assertThat(Timestamps.toMillis(5.5)).isEqualTo(5_500);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            long millis = random.nextLong(0, 4_102_444_800_000L);  // up to the year 2100
            double seconds = Timestamps.toSeconds(millis);
            assertThat(Timestamps.toMillis(seconds)).isEqualTo(millis);
            assertThat(Timestamps.toInstant(seconds)).isEqualTo(Instant.ofEpochMilli(millis));
        }
    }

    @Test
    void instantsKeepTheDecimalTheyWereWrittenWith() {
        assertThat(Timestamps.toInstant(1_700_000_000.3)).isEqualTo(Instant.ofEpochSecond(1_700_000_000, 300_000_000));
        assertThat(Timestamps.toInstant(1_732_449_600.123456)).isEqualTo(Instant.ofEpochSecond(1_732_449_600, 123_456_000));
        assertThat(Timestamps.toInstant(-1.5)).isEqualTo(Instant.ofEpochSecond(-2, 500_000_000));
    }

    @Test
    void theLowerBoundIsTheFirstMillisecondAdkKeeps() {
        Instant threshold = Instant.ofEpochMilli(1_732_449_600_300L);

        assertThat(Timestamps.lowerBoundSeconds(threshold)).isEqualTo(Timestamps.toSeconds(1_732_449_600_300L));
        assertThat(Timestamps.lowerBoundSeconds(threshold.plusNanos(1))).isEqualTo(Timestamps.toSeconds(1_732_449_600_301L));
        assertThat(Timestamps.lowerBoundSeconds(threshold.minusNanos(1))).isEqualTo(Timestamps.toSeconds(1_732_449_600_300L));
        assertThat(Timestamps.lowerBoundSeconds(Instant.MIN)).isNull();
        assertThat(Timestamps.lowerBoundSeconds(Instant.MAX)).isNull();
    }
}
