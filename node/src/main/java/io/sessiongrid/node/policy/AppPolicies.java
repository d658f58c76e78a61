package io.sessiongrid.node.policy;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every app's policy: the configured apps' own, the defaults for the rest, or none for the rest when
 * the node runs with strict apps.
 */
public final class AppPolicies {

    private final AppPolicy defaults;
    private final Map<String, AppPolicy> apps;
    private final boolean strictApps;

    public AppPolicies(AppPolicy defaults, Map<String, AppPolicy> apps, boolean strictApps) {
        this.defaults = defaults;
        this.apps = Map.copyOf(apps);
        this.strictApps = strictApps;
    }

    /** Every app on its defaults, unknown apps welcome. */
    public static AppPolicies of(AppPolicy defaults) {
        return new AppPolicies(defaults, Map.of(), false);
    }

    /** The app's policy; empty when the app is unknown and unknown apps are refused. */
    public Optional<AppPolicy> find(String app) {
        AppPolicy own = apps.get(app);
        if (own != null) {
            return Optional.of(own);
        }
        return strictApps ? Optional.empty() : Optional.of(defaults);
    }

    public boolean configured(String app) {
        return apps.containsKey(app);
    }

    public AppPolicy defaults() {
        return defaults;
    }

    /** The configured apps, sorted by name. */
    public Map<String, AppPolicy> configuredApps() {
        return new TreeMap<>(apps);
    }

    public boolean strictApps() {
        return strictApps;
    }
}
