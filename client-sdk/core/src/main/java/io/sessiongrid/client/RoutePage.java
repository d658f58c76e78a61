package io.sessiongrid.client;

import java.util.List;

/**
 * One page of the routes pinned to a worker, ordered by session id.
 *
 * @param routes        the routes on this page; their {@code lastAccess} is 0, listings do not report it
 * @param nextPageToken token for the next page, or {@code null} on the last page
 */
public record RoutePage(List<Route> routes, String nextPageToken) {

    public RoutePage {
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    public boolean hasNext() {
        return nextPageToken != null;
    }
}
