package io.sessiongrid.node.session.model;

import java.util.List;
import java.util.Map;

/**
 * What a read returns of one session: its own state and the selected events' JSON, no live references.
 *
 * @param userLayer its user's {@code user:} layer when the read was asked to bring it along (same
 *                  partition, no call of its own); null when it was not, or a member of an older build
 *                  answered, so the caller reads the layer itself
 */
public record SessionView(double createTime, double lastUpdateTime, long version,
                          Map<String, byte[]> state, List<byte[]> events, SessionTraits traits, LayerValues userLayer) {

    public SessionView(double createTime, double lastUpdateTime, long version, Map<String, byte[]> state,
                       List<byte[]> events, SessionTraits traits) {
        this(createTime, lastUpdateTime, version, state, events, traits, null);
    }

    public SessionView withUserLayer(LayerValues layer) {
        return new SessionView(createTime, lastUpdateTime, version, state, events, traits, layer);
    }
}
