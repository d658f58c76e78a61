package io.sessiongrid.node.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Chains grid calls with as few thread hand-offs as the grid allows. Hazelcast runs a future's plain
 * {@code thenApply} or {@code whenComplete} on its default async pool: one more wake-up per step.
 * {@link #map} and {@link #compose} run a step on the thread that completed the one before. A step
 * that starts grid calls hops first with {@link #on} unless it knows that thread may start them (a
 * response thread may not; see {@code GridCalls.partitionThreadOr}), and a result moves to the thread
 * that writes the answer with {@link #on}. Steps must not block. A failed result carries the failure itself, never a
 * {@link CompletionException} around it, so exception handlers see the type they handle.
 */
public final class Stages {

    /** Runs a task on the thread that hands it over. */
    public static final Executor CALLER = Runnable::run;

    private Stages() {
    }

    /** The failure inside Java's and Hazelcast's wrappers. */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** {@code then} applied to the stage's result on the completing thread; a throw fails the result. */
    public static <T, R> CompletableFuture<R> map(CompletionStage<T> stage, Function<? super T, ? extends R> then) {
        CompletableFuture<R> result = new CompletableFuture<>();
        stage.whenCompleteAsync((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
                return;
            }
            try {
                result.complete(then.apply(value));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, CALLER);
        return result;
    }

    /** The stage {@code then} starts from the stage's result, run on the completing thread. */
    public static <T, R> CompletableFuture<R> compose(CompletionStage<T> stage,
                                                      Function<? super T, ? extends CompletionStage<R>> then) {
        CompletableFuture<R> result = new CompletableFuture<>();
        stage.whenCompleteAsync((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
                return;
            }
            forward(() -> then.apply(value), result);
        }, CALLER);
        return result;
    }

    /** The stage {@code start} makes, started on {@code executor} (a thread that may start grid calls). */
    public static <T> CompletableFuture<T> startOn(Executor executor, Supplier<? extends CompletionStage<T>> start) {
        CompletableFuture<T> result = new CompletableFuture<>();
        failingInto(executor, result).execute(() -> forward(start, result));
        return result;
    }

    /** Starts the stage and completes {@code result} as it completes; a throw while starting fails it. */
    private static <T> void forward(Supplier<? extends CompletionStage<T>> start, CompletableFuture<T> result) {
        try {
            start.get().whenCompleteAsync((value, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(unwrap(failure));
                } else {
                    result.complete(value);
                }
            }, CALLER);
        } catch (Throwable t) {
            result.completeExceptionally(t);
        }
    }

    /**
     * The stage's outcome, delivered on {@code executor}: the hop off a Hazelcast thread, which may not
     * start grid calls of its own (response threads may not invoke at all).
     */
    public static <T> CompletableFuture<T> on(Executor executor, CompletionStage<T> stage) {
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenCompleteAsync((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
            } else {
                result.complete(value);
            }
        }, failingInto(executor, result));
        return result;
    }

    /**
     * {@code executor}, except that a task it refuses (an event loop shutting down) fails
     * {@code result} instead of leaving it incomplete forever.
     */
    public static Executor failingInto(Executor executor, CompletableFuture<?> result) {
        return task -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(e);
            }
        };
    }

    /**
     * Completes when every stage has, on the thread that completed the last. It fails with the failure
     * of the first failed stage in argument order, as waiting for them one by one would report.
     */
    public static CompletableFuture<Void> all(CompletionStage<?>... stages) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        Throwable[] failures = new Throwable[stages.length];
        AtomicInteger left = new AtomicInteger(stages.length);
        for (int i = 0; i < stages.length; i++) {
            int index = i;
            stages[i].whenCompleteAsync((value, failure) -> {
                failures[index] = failure;
                if (left.decrementAndGet() > 0) {
                    return;
                }
                for (Throwable f : failures) {
                    if (f != null) {
                        result.completeExceptionally(unwrap(f));
                        return;
                    }
                }
                result.complete(null);
            }, CALLER);
        }
        if (stages.length == 0) {
            result.complete(null);
        }
        return result;
    }
}
