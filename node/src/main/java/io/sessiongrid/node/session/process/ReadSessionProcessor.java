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
import io.sessiongrid.node.store.DurableStore;

/**
 * Reads a session where it lives and ships back only the selected events, never the whole record.
 * <p>
 * Asked {@link #withUserLayer}, it also reads the user's {@code user:} layer: that entry lives on the
 * same partition (a {@link UserKey} is partitioned by its user, as the session is), so Hazelcast runs
 * the nested read right here, on this thread, instead of as a call of its own. Only where the layer's
 * map has no store on this member: a layer missing from memory would be loaded from PostgreSQL inside
 * this operation. Whenever the layer does not come along (a member of an older build ignores the flag,
 * a store, a failed nested read) the view's layer is null and the caller reads it itself.
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
        String userMap = SessionMaps.userStateMapName(key.app());
        // The caller asks by its own policy; this member's map is what counts (in a rolling change of
        // durability the two can differ): a layer with a store here is left to the caller's own read.
        if (!withUserLayer || hazelcast == null || DurableStore.storedMap(hazelcast, userMap)) {
            return view;
        }
        try {
            // Runs inline on this partition's thread, so it leaves its answer in the slot.
            ReadLayerProcessor<UserKey> layerRead = new ReadLayerProcessor<>();
            AnswerSlot<LayerValues> layer = new AnswerSlot<>();
            layerRead.answerIn(layer);
            LayerValues shipped = hazelcast.<UserKey, LayerState>getMap(userMap).executeOnKey(key.userKey(), layerRead);
            return view.withUserLayer(layer.filled() ? layer.answer() : shipped);
        } catch (RuntimeException e) {
            // Whatever the nested read met (a retry it would wait for here, on the thread it needs),
            // the session's own read stands; the caller reads the layer itself.
            return view;
        }
    }
}
