package io.sessiongrid.node.session.apps;

import java.util.Map;

/**
 * One app's sessions in memory: in total and by the member holding each one's primary copy.
 *
 * @param app        the app's name
 * @param configured whether the node's configuration names it (it may hold no session yet)
 * @param sessions   the sum over the members that answered
 * @param perMember  member address → sessions it owns, for every member that answered
 */
public record AppCount(String app, boolean configured, long sessions, Map<String, Long> perMember) {
}
