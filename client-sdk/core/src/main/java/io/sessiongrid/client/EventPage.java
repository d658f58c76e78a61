package io.sessiongrid.client;

import java.util.List;

/**
 * One page of a session's events, oldest first.
 *
 * @param events        the events on this page
 * @param nextPageToken token for the next page, or {@code null} on the last page
 */
public record EventPage(List<Event> events, String nextPageToken) {

    public EventPage {
        events = events == null ? List.of() : List.copyOf(events);
    }

    public boolean hasNext() {
        return nextPageToken != null;
    }
}
