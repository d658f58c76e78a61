package io.sessiongrid.node.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test sets by hand, so server-assigned times have exact expected values. */
public final class ManualClock extends Clock {

    private volatile Instant now;

    public ManualClock(double epochSeconds) {
        set(epochSeconds);
    }

    public void set(double epochSeconds) {
        long seconds = (long) Math.floor(epochSeconds);
        now = Instant.ofEpochSecond(seconds, Math.round((epochSeconds - seconds) * 1e9));
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
