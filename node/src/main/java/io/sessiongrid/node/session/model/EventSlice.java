package io.sessiongrid.node.session.model;

import java.util.List;

/**
 * One page of a session's event log.
 *
 * @param nextIndex position to continue from, or -1 when the log has been read to its end
 */
public record EventSlice(List<byte[]> events, int nextIndex) {
}
