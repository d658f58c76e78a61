package io.sessiongrid.adk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Follows the grid's page tokens to the end without blocking: each page is requested when the previous one arrives. */
final class Pages {

    private Pages() {
    }

    /**
     * @param fetch fetches the page for a token ({@code null} for the first page)
     * @param items a page's items
     * @param next  a page's next token, {@code null} on the last page
     */
    static <P, T> CompletableFuture<List<T>> all(Function<String, CompletableFuture<P>> fetch,
                                                 Function<P, List<T>> items, Function<P, String> next) {
        return collect(fetch, items, next, null, new ArrayList<>());
    }

    private static <P, T> CompletableFuture<List<T>> collect(Function<String, CompletableFuture<P>> fetch,
                                                             Function<P, List<T>> items, Function<P, String> next,
                                                             String token, List<T> into) {
        return fetch.apply(token).thenCompose(page -> {
            into.addAll(items.apply(page));
            String following = next.apply(page);
            if (following != null && following.equals(token)) {
                // A server that hands back the token it was given would page forever.
                throw new IllegalStateException("the grid answered page token " + token + " with the same token");
            }
            return following == null ? CompletableFuture.completedFuture(into) : collect(fetch, items, next, following, into);
        });
    }
}
