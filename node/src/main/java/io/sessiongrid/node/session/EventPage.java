package io.sessiongrid.node.session;

import java.util.List;

/** One page of an event log; {@code nextPageToken} is null on the last page. */
public record EventPage(List<byte[]> events, String nextPageToken) {
}
