package io.sessiongrid.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** A clock that only moves when told to or slept on, and remembers every sleep: no real time passes. */
public final class FakeClock implements RetryClock {

    // Far from zero, so that only differences of nanoTime can be right, as with the real clock.
    private long now = 7_000_000_000_000L;
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        advance(duration);
    }

    /** The asynchronous calls' wait: recorded and passed at once, like {@link #sleep}. */
    @Override
    public Executor after(Duration duration) {
        sleeps.add(duration);
        advance(duration);
        return Runnable::run;
    }

    public void advance(Duration duration) {
        now += duration.toNanos();
    }

    public List<Duration> sleeps() {
        return sleeps;
    }
}
