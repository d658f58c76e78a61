package io.sessiongrid.node.session.process;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import io.sessiongrid.node.session.SessionMaps;
import io.sessiongrid.node.session.model.EventWindow;
import io.sessiongrid.node.session.model.LayerState;
import io.sessiongrid.node.session.model.LayerValues;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.model.SessionView;
import io.sessiongrid.node.session.model.UserKey;

/**
 * Reads a session where it lives and ships back only the selected events, never the whole record.
 * <p>
 * Asked {@link #withUserLayer}, it also reads the user's {@code user:} layer: that entry lives on the
 * same partition (a {@link UserKey} is partitioned by its user, as the session is), so Hazelcast runs
 * the nested read right here, on this thread, instead of as a call of its own. Only for apps without a
 * store: a layer missing from memory would be loaded from PostgreSQL inside this operation. A member of
 * an older build ignores the flag and answers without the layer; the caller then reads it itself.
 */
public final class ReadSessionProcessor extends SessionAccess<SessionView> implements HazelcastInstanceAware {

    private final EventWindow window;
    private final boolean withUserLayer;
    private transient HazelcastInstance hazelcast;

    public ReadSessionProcessor(EventWindow window, long appMaxIdleSeconds) {
        this(window, appMaxIdleSeconds, false);
    }

    public ReadSessionProcessor(EventWindow window, long appMaxIdleSeconds, boolean withUserLayer) {
        super(appMaxIdleSeconds);
        this.window = window;
        this.withUserLayer = withUserLayer;
    }

    public EventWindow window() {
        return window;
    }

    public boolean withUserLayer() {
        return withUserLayer;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        hazelcast = instance;
    }

    @Override
    protected SessionView read(SessionKey key, SessionRecord record, double previousAccess) {
        SessionView view = record.view(window);
        if (!withUserLayer || hazelcast == null) {
            return view;
        }
        // Runs inline on this partition's thread, so it always leaves its answer in the slot.
        ReadLayerProcessor<UserKey> layerRead = new ReadLayerProcessor<>();
        AnswerSlot<LayerValues> layer = new AnswerSlot<>();
        layerRead.answerIn(layer);
        LayerValues shipped = hazelcast.<UserKey, LayerState>getMap(SessionMaps.userStateMapName(key.app()))
                .executeOnKey(key.userKey(), layerRead);
        return view.withUserLayer(layer.filled() ? layer.answer() : shipped);
    }
}
