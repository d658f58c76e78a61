package io.sessiongrid.node.policy;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.sessiongrid.node.config.RawKeys;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
        if (env.containsProperty("sessiongrid.cluster.backup-count")) {
            throw new IllegalArgumentException("sessiongrid.cluster.backup-count moved to sessiongrid.defaults.backup-count"
                    + " (and sessiongrid.apps.<app>.backup-count)");
        }
        checkKeys(env, DEFAULTS);
        boolean store = storeConfigured(env);
        AppPolicy base = store ? AppPolicy.BUILT_IN.toBuilder().durability(Durability.WRITE_BEHIND).build() : AppPolicy.BUILT_IN;
        AppPolicy defaults = read(env, DEFAULTS, base);
        requireStore(store, DEFAULTS, defaults);
        Map<String, AppPolicy> apps = new LinkedHashMap<>();
        Set<String> declared = declaredApps(env);
        for (String app : declared) {
            AppPolicy policy = read(env, APPS + "." + app, defaults);
            requireStore(store, APPS + "." + app, policy);
            apps.put(app, policy);
        }
        checkEnvironmentVariables(System.getenv().keySet(), declared);
        boolean strict = env.getProperty("sessiongrid.strict-apps", Boolean.class, false);
        LOG.info("App policies: defaults {}; configured apps {}; strict apps {}", defaults, apps.keySet(), strict);
        return new AppPolicies(defaults, apps, strict);
    }

    /** Whether {@code sessiongrid.store.jdbc-url} names a database (an empty value means none). */
    static boolean storeConfigured(Environment env) {
        String url = env.getProperty("sessiongrid.store.jdbc-url", String.class, "");
        if (url.isBlank()) {
            return false;
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("sessiongrid.store.jdbc-url must be a PostgreSQL JDBC URL such as"
                    + " jdbc:postgresql://db:5432/sessions, was '" + url + "'");
        }
        return true;
    }

    private static void requireStore(boolean store, String prefix, AppPolicy policy) {
        if (policy.durable() && !store) {
            throw new IllegalArgumentException(prefix + ".durability is " + policy.durability()
                    + " but no store is configured: set sessiongrid.store.jdbc-url (SESSIONGRID_STORE_JDBC_URL)"
                    + " or durability NONE");
        }
    }

    /**
     * App names exactly as written in the configuration files and system properties. Micronaut's
     * own listing normalizes names ({@code myApp} to {@code my-app}), and app names are ids that must
     * match requests exactly, so the names come from the sources' raw keys. Environment variables
     * cannot name an app (their words are ambiguous); they override keys of declared apps.
     */
    private static Set<String> declaredApps(Environment env) {
        Set<String> apps = new TreeSet<>();
        for (String name : RawKeys.under(env, APPS)) {
            String rest = name.substring(APPS.length() + 1);
            int dot = rest.lastIndexOf('.');
            if (dot <= 0) {
                continue;
            }
            String app = rest.substring(0, dot);
            requireKnown(name, rest.substring(dot + 1));
            if (app.contains("*")) {
                throw new IllegalArgumentException("App name '" + app + "' in '" + name + "' must not contain '*'");
            }
            apps.add(app);
        }
        return apps;
    }

    /**
     * An environment variable can only override a key of the defaults or of a declared app; one that
     * matches none (a typo, or an app only the variable names) would otherwise be ignored silently.
     */
    static void checkEnvironmentVariables(Set<String> variables, Set<String> declaredApps) {
        Set<String> known = new TreeSet<>();
        for (String key : Keys.ALL) {
            known.add(envName(DEFAULTS + "." + key));
            for (String app : declaredApps) {
                known.add(envName(APPS + "." + app + "." + key));
            }
        }
        for (String variable : variables) {
            boolean policyVariable = variable.startsWith(envName(APPS) + "_") || variable.startsWith(envName(DEFAULTS) + "_");
            if (policyVariable && !known.contains(variable)) {
                throw new IllegalArgumentException("Environment variable " + variable + " matches no policy key of the"
                        + " defaults or of a declared app " + declaredApps + "; declare apps in a configuration file"
                        + " and check the key against " + Keys.ALL);
            }
        }
    }

    private static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static void checkKeys(Environment env, String prefix) {
        for (String name : RawKeys.under(env, prefix)) {
            requireKnown(name, name.substring(prefix.length() + 1));
        }
    }

    private static void requireKnown(String property, String key) {
        if (!Keys.ALL.contains(key)) {
            throw new IllegalArgumentException("Unknown policy key '" + property + "'; known keys: " + Keys.ALL);
        }
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
            key(env, prefix, Keys.DURABILITY, Durability.class, b::durability);
            key(env, prefix, Keys.WRITE_DELAY, Duration.class, b::writeDelay);
            key(env, prefix, Keys.EAGER_LOAD_WINDOW, Duration.class, b::eagerLoadWindow);
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
        static final String DURABILITY = "durability";
        static final String WRITE_DELAY = "write-delay";
        static final String EAGER_LOAD_WINDOW = "eager-load-window";
        static final List<String> ALL = List.of(TTL, MAX_IDLE, MAX_SESSIONS_PER_MEMBER, EVICTION,
                BACKUP_COUNT, ASYNC_BACKUP_COUNT, MAX_SESSION_BYTES, MAX_EVENT_BYTES, MAX_EVENTS, EVENTS_OVERFLOW,
                MAX_SESSIONS_PER_USER, ON_USER_LIMIT, DURABILITY, WRITE_DELAY, EAGER_LOAD_WINDOW);

        private Keys() {
        }
    }
}
