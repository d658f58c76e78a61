package io.sessiongrid.node.ratelimit;

import io.micronaut.context.env.Environment;
import io.sessiongrid.node.config.RawKeys;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The node's request rate limits ({@code sessiongrid.rate-limits.*}): one for every app unless the app
 * has its own, and one for every API token unless the token's entry sets its own.
 *
 * @param app    the limit of each app without an entry in {@code apps}
 * @param apps   apps with their own limit, by exact name
 * @param token  the limit of each token without its own {@code requests-per-second}
 */
public record RateLimitSettings(RateLimit app, Map<String, RateLimit> apps, RateLimit token) {

    static final String PREFIX = "sessiongrid.rate-limits";
    private static final Set<String> KEYS = Set.of("requests-per-second", "burst");

    public RateLimitSettings {
        apps = Map.copyOf(apps);
    }

    public RateLimit forApp(String name) {
        return apps.getOrDefault(name, app);
    }

    public static RateLimitSettings read(Environment env) {
        Map<String, RateLimit> apps = new LinkedHashMap<>();
        String appsPrefix = PREFIX + ".apps";
        for (String key : RawKeys.under(env, appsPrefix)) {
            String rest = key.substring(appsPrefix.length() + 1);
            int dot = rest.lastIndexOf('.');
            if (dot <= 0 || !KEYS.contains(rest.substring(dot + 1))) {
                throw new IllegalArgumentException("Unknown rate limit key '" + key + "'; an app's keys are " + KEYS);
            }
            String app = rest.substring(0, dot);
            apps.computeIfAbsent(app, name -> read(env, appsPrefix + "." + name, RateLimit.NONE));
        }
        return new RateLimitSettings(read(env, PREFIX + ".app", RateLimit.NONE), apps,
                read(env, PREFIX + ".token", RateLimit.NONE));
    }

    /**
     * The limit under {@code prefix}: its {@code requests-per-second} and {@code burst} keys, or
     * {@code fallback} when it has no {@code requests-per-second}.
     */
    public static RateLimit read(Environment env, String prefix, RateLimit fallback) {
        Optional<Long> rate = number(env, prefix + ".requests-per-second");
        if (rate.isEmpty()) {
            return fallback;
        }
        try {
            return new RateLimit(rate.get(), number(env, prefix + ".burst").orElse(0L));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid rate limit " + prefix + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Long> number(Environment env, String name) {
        if (!env.containsProperty(name)) {
            return Optional.empty();
        }
        return Optional.of(env.getProperty(name, Long.class).orElseThrow(() -> new IllegalArgumentException(
                name + " must be a whole number but was '" + env.getProperty(name, String.class).orElse("") + "'")));
    }
}
