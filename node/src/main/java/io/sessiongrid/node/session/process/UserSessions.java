package io.sessiongrid.node.session.process;

import java.util.List;

/**
 * One user's sessions in an app, as counted where they live.
 *
 * @param count  how many sessions the user holds
 * @param oldest the least recently used of them, oldest first (as many as were asked for)
 */
public record UserSessions(long count, List<Used> oldest) {

    /** A session id and when it was last got, appended to or touched (server epoch seconds). */
    public record Used(String sessionId, double lastAccessTime) {
    }
}
