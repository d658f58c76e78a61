package io.sessiongrid.adk;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * ADK counts event time in epoch milliseconds and session time as an {@link Instant}; the grid speaks
 * fractional epoch seconds. Each conversion here is exact for millisecond values (5,500 ms is 5.5 s and
 * back), so a timestamp survives any number of round trips.
 */
final class Timestamps {

    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private Timestamps() {
    }

    static double toSeconds(long epochMillis) {
        // One correctly rounded division: the same double for the same millisecond everywhere.
        return epochMillis / 1000.0;
    }

    static long toMillis(double epochSeconds) {
        // A millisecond value divided by 1000 and multiplied back stays within half a millisecond up to
        // 2^52 ms (the year 142,000): the round trip is exact for every time ADK can mean.
        return Math.round(epochSeconds * 1000.0);
    }

    /** The shortest decimal that names {@code epochSeconds} read as exact seconds: 1.7000000003E9 is …0.3 s, not …0.29999995 s. */
    static Instant toInstant(double epochSeconds) {
        BigDecimal seconds = new BigDecimal(Double.toString(epochSeconds));
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    /**
     * The grid's inclusive lower bound that keeps exactly the events ADK keeps for {@code threshold}:
     * an event of millisecond {@code t} is kept when {@code Instant.ofEpochMilli(t)} is not before it,
     * so the bound is the first whole millisecond at or after the threshold, computed like an event's time.
     * Null when the threshold has no millisecond form (beyond ±292 million years): the caller filters itself.
     */
    static Double lowerBoundSeconds(Instant threshold) {
        try {
            long millis = Math.addExact(Math.multiplyExact(threshold.getEpochSecond(), 1000L),
                    threshold.getNano() / 1_000_000);
            if (threshold.getNano() % 1_000_000 != 0) {
                millis = Math.addExact(millis, 1);
            }
            return toSeconds(millis);
        } catch (ArithmeticException outOfRange) {
            return null;
        }
    }
}
