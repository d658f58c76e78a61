package io.sessiongrid.node.session;

import java.util.List;

/** One page of a session listing; {@code nextPageToken} is null on the last page. */
public record SessionPage(List<Session> sessions, String nextPageToken) {
}
