package io.sessiongrid.client;

import java.util.List;

/**
 * One page of sessions; the sessions' {@code events} are empty in listings.
 *
 * @param sessions      the sessions on this page
 * @param nextPageToken token for the next page, or {@code null} on the last page
 */
public record SessionPage(List<Session> sessions, String nextPageToken) {

    public SessionPage {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }

    public boolean hasNext() {
        return nextPageToken != null;
    }
}
