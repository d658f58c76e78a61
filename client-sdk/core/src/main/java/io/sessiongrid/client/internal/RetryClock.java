package io.sessiongrid.client.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** Time as the retry loop sees it: a seam so that tests check deadlines and backoff without sleeping. */
public interface RetryClock {

    /** The real clock: {@link System#nanoTime()} and {@link Thread#sleep}. */
    RetryClock SYSTEM = new RetryClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    };

    /** Monotonic nanoseconds, as {@link System#nanoTime()}: only differences mean anything. */
    long nanoTime();

    void sleep(Duration duration) throws InterruptedException;

    /** Runs tasks after a pause without holding a thread meanwhile: the asynchronous calls' sleep. */
    default Executor after(Duration duration) {
        return CompletableFuture.delayedExecutor(duration.toNanos(), TimeUnit.NANOSECONDS);
    }
}
