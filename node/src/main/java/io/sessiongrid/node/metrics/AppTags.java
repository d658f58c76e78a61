package io.sessiongrid.node.metrics;

import io.sessiongrid.node.policy.AppPolicies;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code app} tag of per-app meters. App names come from requests, so a tag per name would let
 * clients grow the meter registry without bound: configured apps always get their own tag, the first
 * {@code limit} others too, and every later one shares {@link #OTHER}.
 */
public final class AppTags {

    public static final String OTHER = "_other";

    private final AppPolicies policies;
    private final int limit;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    public AppTags(AppPolicies policies, int limit) {
        this.policies = policies;
        this.limit = limit;
    }

    public String tag(String app) {
        if (policies.configured(app) || admitted.contains(app)) {
            return app;
        }
        synchronized (admitted) {
            if (admitted.size() < limit) {
                admitted.add(app);
                return app;
            }
        }
        return OTHER;
    }
}
