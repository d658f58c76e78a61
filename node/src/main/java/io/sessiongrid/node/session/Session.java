package io.sessiongrid.node.session;

import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionTraits;

import java.util.List;
import java.util.Map;

/**
 * A session as callers see it: merged state (own keys, {@code app:<k>}, {@code user:<k>}) as encoded
 * JSON values, and the selected events' JSON in append order. Its traits hold the effective TTL and
 * idle timeout (its own, else its app's; 0 = none); {@code workerId} is the worker it is pinned to, or null.
 */
public record Session(SessionKey key, double createTime, double lastUpdateTime, long version,
                      Map<String, byte[]> state, List<byte[]> events, SessionTraits traits, String workerId) {
}
