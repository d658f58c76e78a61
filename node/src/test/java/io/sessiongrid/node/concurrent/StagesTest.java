package io.sessiongrid.node.concurrent;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StagesTest {

    @Test
    void mapAndComposeRunOnTheCompletingThreadAndPassFailuresUnwrapped() throws Exception {
        CompletableFuture<Integer> source = new CompletableFuture<>();
        String[] ranOn = new String[1];
        CompletableFuture<Integer> mapped = Stages.map(source, v -> {
            ranOn[0] = Thread.currentThread().getName();
            return v * 2;
        });
        Thread completer = new Thread(() -> source.complete(21), "completer");
        completer.start();
        completer.join();
        assertThat(mapped.get()).isEqualTo(42);
        assertThat(ranOn[0]).isEqualTo("completer");

        CompletableFuture<Integer> wrapped = CompletableFuture.failedFuture(
                new CompletionException(new IllegalStateException("inner")));
        assertThatThrownBy(() -> Stages.compose(wrapped, v -> CompletableFuture.completedFuture(v)).get())
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(IllegalStateException.class)
                .hasMessage("inner");
        assertThatThrownBy(() -> Stages.map(CompletableFuture.completedFuture(1), v -> {
            throw new IllegalArgumentException("thrown by the step");
        }).get()).cause().isInstanceOf(IllegalArgumentException.class).hasMessage("thrown by the step");
    }

    @Test
    void onDeliversThroughTheGivenExecutor() throws Exception {
        AtomicInteger handed = new AtomicInteger();
        Executor counting = task -> {
            handed.incrementAndGet();
            task.run();
        };
        assertThat(Stages.on(counting, CompletableFuture.completedFuture("x")).get()).isEqualTo("x");
        assertThat(handed).hasValue(1);
    }

    @Test
    void startOnStartsTheStageOnTheExecutorAndFailsWhenItCannot() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> new Thread(r, "starter"));
        try {
            String[] startedOn = new String[1];
            CompletableFuture<String> started = Stages.startOn(pool, () -> {
                startedOn[0] = Thread.currentThread().getName();
                return CompletableFuture.completedFuture("made");
            });
            assertThat(started.get()).isEqualTo("made");
            assertThat(startedOn[0]).isEqualTo("starter");

            assertThatThrownBy(() -> Stages.<String>startOn(pool, () -> {
                throw new IllegalStateException("could not start");
            }).get()).cause().isInstanceOf(IllegalStateException.class).hasMessage("could not start");
            assertThatThrownBy(() -> Stages.<String>startOn(pool,
                    () -> CompletableFuture.failedFuture(new CompletionException(new IllegalArgumentException("failed")))).get())
                    .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("failed");
        } finally {
            pool.shutdown();
        }
        // A refused task (an event loop shutting down) fails the stage instead of leaving it open.
        assertThatThrownBy(() -> Stages.startOn(pool, () -> CompletableFuture.completedFuture("never")).get())
                .cause().isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    @Test
    void allWaitsForEveryStageAndReportsTheFirstFailureInArgumentOrder() throws Exception {
        CompletableFuture<String> a = new CompletableFuture<>();
        CompletableFuture<String> b = new CompletableFuture<>();
        CompletableFuture<String> c = new CompletableFuture<>();
        CompletableFuture<Void> all = Stages.all(a, b, c);
        c.completeExceptionally(new IllegalStateException("third"));
        b.completeExceptionally(new IllegalArgumentException("second"));
        assertThat(all).isNotDone();
        a.complete("first");
        assertThatThrownBy(all::get).cause().isInstanceOf(IllegalArgumentException.class).hasMessage("second");

        assertThat(Stages.all().isDone()).isTrue();
        assertThat(Stages.all(CompletableFuture.completedFuture(1), CompletableFuture.completedFuture(2)).get()).isNull();
    }
}
