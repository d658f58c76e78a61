package io.sessiongrid.node.session;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The apps this cluster holds data of. An app's maps cost every member heap (a record store per
 * partition, dynamic config, a write-behind queue per partition when durable), so a name must cost
 * nothing until an app is real: only a create admits an app, every other call on an app nobody
 * created answers from nothing, and the cluster admits at most {@code max-apps} apps besides the
 * configured ones.
 * <p>
 * Whether an app exists is read from what every member holds: the app's own map config, which the
 * first use of its maps adds as dynamic config (replicated to every member and to members that join),
 * so a miss costs no grid call and losing a partition loses no app. The bound is counted in one entry
 * of a small map, changed by compare-and-set, so two members admitting at once never pass it
 * together. With a durable store, every name counts as existing until the member's initial load has
 * registered the apps the store holds: before that, only the store knows them.
 */
public final class AppRegistry {

    public static final String MAP = "sessiongrid.apps";
    private static final String KEY = "names";
    private static final char SEPARATOR = '\n';

    private final HazelcastInstance hazelcast;
    private final Predicate<String> configured;
    private final int maxApps;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean complete;

    /**
     * @param configured whether an app is in the node's configuration (always real, never counted)
     * @param maxApps    most apps admitted besides the configured ones; 0 = no bound
     */
    public AppRegistry(HazelcastInstance hazelcast, Predicate<String> configured, int maxApps) {
        this(hazelcast, configured, maxApps, true);
    }

    /**
     * @param complete false when a durable store may hold apps this member has not registered yet
     *                 ({@link #markComplete} once the initial load registered them)
     */
    public AppRegistry(HazelcastInstance hazelcast, Predicate<String> configured, int maxApps, boolean complete) {
        this.hazelcast = hazelcast;
        this.configured = configured;
        this.maxApps = maxApps;
        this.complete = complete;
    }

    /** Whether the app is configured or holds data (created on any member, or found in the store). */
    public boolean exists(String app) {
        if (!complete || configured.test(app) || known.contains(app)) {
            return true;
        }
        // Exact names only: a lookup by pattern would match the sessions.* defaults.
        if (hazelcast.getConfig().getMapConfigs().containsKey(SessionMaps.sessionsMapName(app))) {
            known.add(app);
            return true;
        }
        return false;
    }

    /** The store's apps are registered: from now on a name nobody created does not exist. */
    public void markComplete() {
        complete = true;
    }

    /** Whether {@link #admit} returns at once for this app, asking the grid nothing. */
    public boolean admitted(String app) {
        return configured.test(app) || known.contains(app);
    }

    /**
     * Admits the app for a create.
     *
     * @throws SessionGridError APP_LIMIT when the cluster already holds {@code max-apps} apps
     */
    public void admit(String app) {
        add(app, maxApps);
    }

    /** Records an app that already holds data (found in the durable store), whatever the bound. */
    public void register(String app) {
        add(app, 0);
    }

    /** Adds the name by compare-and-set, refusing it when {@code bound} (0 = none) names are taken. */
    private void add(String app, int bound) {
        if (configured.test(app) || known.contains(app)) {
            return;
        }
        IMap<String, String> names = names();
        while (true) {
            String current = names.get(KEY);
            Set<String> all = learn(current);
            if (all.contains(app)) {
                return;
            }
            if (bound > 0 && all.size() >= bound) {
                refused.incrementAndGet();
                throw new SessionGridError(SessionGridError.Kind.APP_LIMIT, "This grid holds its limit of " + bound
                        + " apps besides the configured ones (sessiongrid.limits.max-apps); app '" + app + "' is not created");
            }
            boolean added = current == null ? names.putIfAbsent(KEY, app) == null
                    : names.replace(KEY, current, current + SEPARATOR + app);
            if (added) {
                known.add(app);
                return;
            }
        }
    }

    /** Apps admitted so far (configured ones not counted), as this member last saw them. */
    public int admitted() {
        return known.size();
    }

    /** The bound on apps besides the configured ones; 0 = none. */
    public int maxApps() {
        return maxApps;
    }

    /** Creates this member refused because the cluster held its limit of apps. */
    public long refused() {
        return refused.get();
    }

    private Set<String> learn(String joined) {
        if (joined != null) {
            known.addAll(Arrays.asList(joined.split(String.valueOf(SEPARATOR))));
        }
        return known;
    }

    private IMap<String, String> names() {
        return hazelcast.getMap(MAP);
    }
}
