package io.sessiongrid.node.session;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sessiongrid.node.session.model.LayerState;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.model.UserKey;
import jakarta.inject.Singleton;

/**
 * Names and handles of the grid's maps: one sessions map and one user-state map per app (so each app
 * can get its own TTL and eviction as plain map configuration), and one app-state map.
 */
@Singleton
public class SessionMaps {

    public static final String SESSIONS_PREFIX = "sessions.";
    public static final String USER_STATE_PREFIX = "userstate.";
    public static final String APP_STATE = "appstate";

    private final HazelcastInstance hazelcast;

    public SessionMaps(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    public IMap<SessionKey, SessionRecord> sessions(String app) {
        return hazelcast.getMap(SESSIONS_PREFIX + app);
    }

    public IMap<UserKey, LayerState> userState(String app) {
        return hazelcast.getMap(USER_STATE_PREFIX + app);
    }

    public IMap<String, LayerState> appState() {
        return hazelcast.getMap(APP_STATE);
    }
}
