package io.sessiongrid.adk;

import com.google.adk.sessions.Session;
import com.google.common.collect.MapMaker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The appends from each {@link Session} object, one at a time in call order: an append is sent once the
 * one before it from the same object has completed, either way, so it carries the version that one
 * produced (two in flight at once would carry the same one, and the second would fail as stale). By
 * object identity and weakly, like {@link SeenVersions}; appends from different objects do not wait.
 */
final class AppendQueue {

    private final ConcurrentMap<Session, CompletableFuture<?>> last = new MapMaker().weakKeys().makeMap();

    /**
     * Runs {@code append} now if nothing from {@code session} is under way, else when the last append
     * queued before it completes. The future answers {@code append}'s outcome.
     */
    <T> CompletableFuture<T> enqueue(Session session, Supplier<CompletableFuture<T>> append) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        CompletableFuture<?> previous = last.put(session, outcome);
        if (previous == null) {
            start(append, outcome);
        } else {
            previous.whenComplete((ignored, failure) -> start(append, outcome));
        }
        outcome.whenComplete((ignored, failure) -> last.remove(session, outcome));
        return outcome;
    }

    private static <T> void start(Supplier<CompletableFuture<T>> append, CompletableFuture<T> outcome) {
        CompletableFuture<T> started;
        try {
            started = append.get();
        } catch (RuntimeException | Error failure) {
            outcome.completeExceptionally(failure);
            return;
        }
        started.whenComplete((value, failure) -> {
            if (failure != null) {
                outcome.completeExceptionally(Failures.unwrap(failure));
            } else {
                outcome.complete(value);
            }
        });
    }
}
