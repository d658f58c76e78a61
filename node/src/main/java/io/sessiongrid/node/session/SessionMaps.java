package io.sessiongrid.node.session;

import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sessiongrid.node.cluster.AppMapConfigs;
import io.sessiongrid.node.policy.AppPolicies;
import io.sessiongrid.node.policy.AppPolicy;
import io.sessiongrid.node.session.model.LayerState;
import io.sessiongrid.node.session.model.SessionKey;
import io.sessiongrid.node.session.model.SessionRecord;
import io.sessiongrid.node.session.model.UserKey;
import io.sessiongrid.node.session.routing.Route;
import io.sessiongrid.node.session.routing.RouteKey;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names and handles of the grid's maps: one sessions map and one user-state map per app (so each app
 * gets its own TTL, idle timeout and eviction as plain map configuration), one routing map per app,
 * and one app-state map.
 * <p>
 * An app not configured at start-up gets the default policy as Hazelcast dynamic config the first
 * time this member meets it. Dynamic config is cluster-wide and reaches members that join later, so
 * every member applies one policy to the app even if their own defaults differ during a rolling
 * upgrade.
 */
@Singleton
public class SessionMaps {

    private static final Logger LOG = LoggerFactory.getLogger(SessionMaps.class);
    public static final String SESSIONS_PREFIX = "sessions.";
    public static final String USER_STATE_PREFIX = "userstate.";
    public static final String ROUTES_PREFIX = "routes.";
    public static final String APP_STATE = "appstate";

    private final HazelcastInstance hazelcast;
    private final AppPolicies policies;
    private final AppRegistry apps;
    private final Set<String> readyApps = ConcurrentHashMap.newKeySet();

    /** Maps of any app name, without a bound on apps (tests and benchmarks). */
    public SessionMaps(HazelcastInstance hazelcast, AppPolicies policies) {
        this(hazelcast, policies, new AppRegistry(hazelcast, app -> true, 0));
    }

    @Inject
    public SessionMaps(HazelcastInstance hazelcast, AppPolicies policies, AppRegistry apps) {
        this.hazelcast = hazelcast;
        this.policies = policies;
        this.apps = apps;
    }

    public static String sessionsMapName(String app) {
        return SESSIONS_PREFIX + app;
    }

    public static String userStateMapName(String app) {
        return USER_STATE_PREFIX + app;
    }

    public static String routesMapName(String app) {
        return ROUTES_PREFIX + app;
    }

    /** The app a sessions or user-state map belongs to. */
    public static String appOf(String mapName) {
        if (mapName.startsWith(SESSIONS_PREFIX)) {
            return mapName.substring(SESSIONS_PREFIX.length());
        }
        return mapName.startsWith(USER_STATE_PREFIX) ? mapName.substring(USER_STATE_PREFIX.length()) : mapName;
    }

    /**
     * The app's effective policy.
     *
     * @throws SessionGridError APP_NOT_FOUND when the node runs with strict apps and does not know the app
     */
    public AppPolicy policy(String app) {
        return policies.find(app).orElseThrow(() -> new SessionGridError(SessionGridError.Kind.APP_NOT_FOUND,
                "App '" + app + "' is not configured on this grid (strict apps)"));
    }

    /** Whether the app holds anything (configured, or created on some member); no maps are made for it. */
    public boolean exists(String app) {
        return apps.exists(app);
    }

    /**
     * Admits the app for a create (see {@link AppRegistry}).
     *
     * @throws SessionGridError APP_LIMIT when the cluster holds its limit of apps
     */
    public void admit(String app) {
        apps.admit(app);
    }

    /**
     * Records apps found holding data (in the durable store), whatever the bound on apps, and makes
     * their maps' config, so every member knows them from then on.
     */
    public void register(Collection<String> stored) {
        for (String app : stored) {
            apps.register(app);
            ready(app);
        }
        apps.markComplete();
    }

    public IMap<SessionKey, SessionRecord> sessions(String app) {
        ready(app);
        return hazelcast.getMap(sessionsMapName(app));
    }

    public IMap<UserKey, LayerState> userState(String app) {
        ready(app);
        return hazelcast.getMap(userStateMapName(app));
    }

    /** Session id to (user, worker), for sessions pinned to a worker. */
    public IMap<RouteKey, Route> routes(String app) {
        ready(app);
        return hazelcast.getMap(routesMapName(app));
    }

    public IMap<String, LayerState> appState() {
        return hazelcast.getMap(APP_STATE);
    }

    /**
     * Whether the app's maps can be used without first adding their config, which waits for the
     * cluster (the first use of an app on this member); an app that does not exist needs nothing.
     */
    public boolean isReady(String app) {
        return readyApps.contains(app) || !exists(app);
    }

    /**
     * Whether a create in the app can run without waiting: the app is admitted and its maps' config
     * added on this member (else {@link #admit} and the first map use each wait for the cluster).
     */
    public boolean readyToCreate(String app) {
        return readyApps.contains(app) && apps.admitted(app);
    }

    /** Adds the app's map configs if this member has not yet: a cluster-wide call that waits. */
    public void prepare(String app) {
        ready(app);
    }

    private void ready(String app) {
        if (readyApps.contains(app)) {
            return;
        }
        AppPolicy policy = policy(app);
        // A '*' would make the app's config a wildcard over other apps: such names keep the static defaults.
        if (!policies.configured(app) && !app.contains("*")) {
            addConfig(app, AppMapConfigs.sessions(sessionsMapName(app), policy));
            addConfig(app, AppMapConfigs.userState(userStateMapName(app), policy));
            addConfig(app, AppMapConfigs.routes(routesMapName(app), policy));
        }
        readyApps.add(app);
    }

    /** One map at a time: a conflict on one (another member's older config) must not skip the others. */
    private void addConfig(String app, MapConfig config) {
        try {
            hazelcast.getConfig().addMapConfig(config);
        } catch (InvalidConfigurationException e) {
            LOG.warn("App '{}' keeps the config of map {} the cluster already has: {}", app, config.getName(), e.getMessage());
        }
    }
}
