package io.sessiongrid.node.policy;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads {@code sessiongrid.defaults.*} and {@code sessiongrid.apps.<name>.*}. An app's keys override
 * the defaults one by one. Read through the environment rather than bound to beans, so one list of
 * keys serves both levels and an env var can override any of them.
 */
@Factory
public class PolicyFactory {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyFactory.class);
    static final String DEFAULTS = "sessiongrid.defaults";
    static final String APPS = "sessiongrid.apps";

    @Singleton
    public AppPolicies appPolicies(Environment env) {
        AppPolicy defaults = read(env, DEFAULTS, AppPolicy.BUILT_IN);
        Map<String, AppPolicy> apps = new LinkedHashMap<>();
        for (String app : env.getPropertyEntries(APPS)) {
            String prefix = APPS + "." + app;
            // Env vars yield every dotted/dashed reading of a name; an app is real when one of its keys is.
            boolean declared = Keys.ALL.stream().anyMatch(k -> env.containsProperty(prefix + "." + k));
            if (declared) {
                apps.put(app, read(env, prefix, defaults));
            }
        }
        boolean strict = env.getProperty("sessiongrid.strict-apps", Boolean.class, false);
        LOG.info("App policies: defaults {}; configured apps {}; strict apps {}", defaults, apps.keySet(), strict);
        return new AppPolicies(defaults, apps, strict);
    }

    private static AppPolicy read(Environment env, String prefix, AppPolicy base) {
        AppPolicy.Builder b = base.toBuilder();
        try {
            key(env, prefix, Keys.TTL, Duration.class, b::ttl);
            key(env, prefix, Keys.MAX_IDLE, Duration.class, b::maxIdle);
            key(env, prefix, Keys.MAX_SESSIONS_PER_MEMBER, Integer.class, b::maxSessionsPerMember);
            key(env, prefix, Keys.EVICTION, Eviction.class, b::eviction);
            key(env, prefix, Keys.BACKUP_COUNT, Integer.class, b::backupCount);
            key(env, prefix, Keys.ASYNC_BACKUP_COUNT, Integer.class, b::asyncBackupCount);
            key(env, prefix, Keys.MAX_SESSION_BYTES, Long.class, b::maxSessionBytes);
            key(env, prefix, Keys.MAX_EVENT_BYTES, Long.class, b::maxEventBytes);
            key(env, prefix, Keys.MAX_EVENTS, Integer.class, b::maxEvents);
            key(env, prefix, Keys.EVENTS_OVERFLOW, EventsOverflow.class, b::eventsOverflow);
            key(env, prefix, Keys.MAX_SESSIONS_PER_USER, Integer.class, b::maxSessionsPerUser);
            key(env, prefix, Keys.ON_USER_LIMIT, UserLimitAction.class, b::onUserLimit);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid policy " + prefix + ": " + e.getMessage(), e);
        }
    }

    private static <T> void key(Environment env, String prefix, String key, Class<T> type, Consumer<T> setter) {
        String name = prefix + "." + key;
        if (!env.containsProperty(name)) {
            return;
        }
        T value = env.getProperty(name, type).orElseThrow(() -> new IllegalArgumentException(
                key + " has a value that is not a " + type.getSimpleName() + ": '"
                        + env.getProperty(name, String.class).orElse("") + "'"));
        setter.accept(value);
    }

    /** The policy keys, as written in {@code application.yml}. */
    static final class Keys {
        static final String TTL = "ttl";
        static final String MAX_IDLE = "max-idle";
        static final String MAX_SESSIONS_PER_MEMBER = "max-sessions-per-member";
        static final String EVICTION = "eviction";
        static final String BACKUP_COUNT = "backup-count";
        static final String ASYNC_BACKUP_COUNT = "async-backup-count";
        static final String MAX_SESSION_BYTES = "max-session-bytes";
        static final String MAX_EVENT_BYTES = "max-event-bytes";
        static final String MAX_EVENTS = "max-events";
        static final String EVENTS_OVERFLOW = "events-overflow";
        static final String MAX_SESSIONS_PER_USER = "max-sessions-per-user";
        static final String ON_USER_LIMIT = "on-user-limit";
        static final java.util.List<String> ALL = java.util.List.of(TTL, MAX_IDLE, MAX_SESSIONS_PER_MEMBER, EVICTION,
                BACKUP_COUNT, ASYNC_BACKUP_COUNT, MAX_SESSION_BYTES, MAX_EVENT_BYTES, MAX_EVENTS, EVENTS_OVERFLOW,
                MAX_SESSIONS_PER_USER, ON_USER_LIMIT);

        private Keys() {
        }
    }
}
