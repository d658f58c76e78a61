package io.sessiongrid.node.session.model;

import java.util.Map;

/** A session as a listing shows it: identity, times, version and its own state; no events. */
public record SessionSummary(String userId, String sessionId, double createTime, double lastUpdateTime,
                             long version, Map<String, byte[]> state, SessionTraits traits) {
}
