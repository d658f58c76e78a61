package io.sessiongrid.node.session.model;

import java.util.List;
import java.util.Map;

/** What a read returns of one session: its own state and the selected events' JSON, no live references. */
public record SessionView(double createTime, double lastUpdateTime, long version,
                          Map<String, byte[]> state, List<byte[]> events, SessionTraits traits) {
}
