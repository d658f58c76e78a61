package io.sessiongrid.node.metrics;

import io.sessiongrid.node.policy.AppPolicies;

import java.util.Collection;
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
    private final Set<String> declared = ConcurrentHashMap.newKeySet();

    public AppTags(AppPolicies policies, int limit) {
        this.policies = policies;
        this.limit = limit;
    }

    /** Apps that configuration names elsewhere (API tokens): like configured apps, always their own tag. */
    public void declare(Collection<String> apps) {
        declared.addAll(apps);
    }

    public String tag(String app) {
        if (known(app)) {
            return app;
        }
        if (admitted.size() >= limit) {
            return OTHER;  // full for good (apps are never un-admitted): no lock for the apps past the limit
        }
        synchronized (admitted) {
            if (admitted.size() < limit) {
                admitted.add(app);
                return app;
            }
        }
        return OTHER;
    }

    /**
     * The tag of an app without admitting a new one: for requests that were refused, so that callers
     * without access cannot use up the tags.
     */
    public String existingTag(String app) {
        return known(app) ? app : OTHER;
    }

    private boolean known(String app) {
        return policies.configured(app) || declared.contains(app) || admitted.contains(app);
    }
}
