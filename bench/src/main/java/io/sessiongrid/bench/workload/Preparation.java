package io.sessiongrid.bench.workload;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/** Runs a workload's set-up tasks on several threads and logs progress every five seconds. */
final class Preparation {

    private Preparation() {
    }

    /** Runs {@code task} for 0..tasks-1 on {@code parallelism} threads; {@code unit} names what one task makes. */
    static void run(String what, int tasks, int parallelism, IntConsumer task) {
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            Future<?>[] workers = new Future<?>[parallelism];
            for (int w = 0; w < parallelism; w++) {
                workers[w] = pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                        task.accept((int) i);
                        done.incrementAndGet();
                    }
                });
            }
            long lastLog = started;
            for (Future<?> worker : workers) {
                while (!worker.isDone()) {
                    Thread.sleep(100);
                    if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(5)) {
                        lastLog = System.nanoTime();
                        System.out.printf("  preparing %s: %,d of %,d%n", what, done.get(), tasks);
                    }
                }
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing " + what, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("preparing " + what + " failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("  prepared %,d %s in %.1f s%n", tasks, what, (System.nanoTime() - started) / 1e9);
    }
}
