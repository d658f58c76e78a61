package io.sessiongrid.node.security;

import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import io.sessiongrid.node.config.RawKeys;
import io.sessiongrid.node.ratelimit.RateLimit;
import io.sessiongrid.node.ratelimit.RateLimitSettings;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Access control settings ({@code sessiongrid.security.*}).
 *
 * @param enabled                 {@code sessiongrid.security.enabled}, or empty when not set at all (which
 *                                protected mode tells apart from an explicit {@code false})
 * @param prometheusRequiresAdmin whether {@code /prometheus} needs an admin token for every app
 * @param tokens                  the configured tokens
 */
public record SecuritySettings(Optional<Boolean> enabled, boolean prometheusRequiresAdmin, List<ApiToken> tokens) {

    static final String PREFIX = "sessiongrid.security";
    static final String ENABLED = PREFIX + ".enabled";
    static final String TOKENS = PREFIX + ".tokens";
    private static final Set<String> TOKEN_KEYS = Set.of("sha256", "apps", "scopes", "requests-per-second", "burst");
    private static final int SHA256_HEX_DIGITS = 64;

    public SecuritySettings {
        tokens = List.copyOf(tokens);
    }

    public boolean on() {
        return enabled.orElse(false);
    }

    public static SecuritySettings read(Environment env) {
        Optional<Boolean> enabled = enabled(env);
        requireFilterAgreement(env, enabled.orElse(false));
        boolean prometheusAdmin = env.getProperty(PREFIX + ".prometheus-requires-admin", Boolean.class, true);
        List<ApiToken> tokens = new ArrayList<>();
        Map<String, String> hashes = new HashMap<>();
        for (String name : tokenNames(env)) {
            ApiToken token = token(env, name);
            String hex = HexFormat.of().formatHex(token.sha256());
            String earlier = hashes.putIfAbsent(hex, name);
            if (earlier != null) {
                throw new IllegalArgumentException("Tokens '" + earlier + "' and '" + name + "' under " + TOKENS
                        + " have the same sha256: give each its own secret");
            }
            tokens.add(token);
        }
        if (enabled.orElse(false) && tokens.isEmpty()) {
            throw new IllegalArgumentException(ENABLED + " is true but " + TOKENS + " lists no token, so no call"
                    + " could pass: add tokens (see README, \"Access control\") or set " + ENABLED + ": false");
        }
        return new SecuritySettings(enabled, prometheusAdmin, tokens);
    }

    /**
     * Exactly {@code true} or {@code false}: the beans of access control are switched by the literal
     * text, so another spelling that converts to a boolean (TRUE, yes) would half-enable it.
     */
    private static Optional<Boolean> enabled(Environment env) {
        if (!env.containsProperty(ENABLED)) {
            return Optional.empty();
        }
        String value = env.getProperty(ENABLED, String.class).orElse("").strip();
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(ENABLED + " must be true or false (lower case) but was '" + value + "'");
        }
        return Optional.of(Boolean.parseBoolean(value));
    }

    /**
     * Micronaut Security's filter follows sessiongrid.security.enabled (application.yml); overriding it
     * directly would serve the API unchecked, or refuse every request, while the log says otherwise.
     */
    private static void requireFilterAgreement(Environment env, boolean on) {
        boolean filter = env.getProperty("micronaut.security.enabled", Boolean.class, true)
                && env.getProperty("micronaut.security.filter.enabled", Boolean.class, true);
        if (filter != on) {
            throw new IllegalArgumentException("micronaut.security.enabled and micronaut.security.filter.enabled follow "
                    + ENABLED + " (now " + on + "): set only " + ENABLED + ", not the Micronaut keys");
        }
    }

    /** Token names as written; a name is one key segment, so it never contains a dot. */
    private static Set<String> tokenNames(Environment env) {
        Set<String> names = new TreeSet<>();
        for (String key : RawKeys.under(env, TOKENS)) {
            String rest = key.substring(TOKENS.length() + 1);
            int dot = rest.indexOf('.');
            String tokenKey = dot < 0 ? "" : rest.substring(dot + 1).replaceFirst("\\[.*$", "");
            if (dot <= 0 || !TOKEN_KEYS.contains(tokenKey)) {
                throw new IllegalArgumentException("Unknown token key '" + key + "'; a token's keys are " + TOKEN_KEYS
                        + ", e.g. " + TOKENS + ".agent-rw.sha256");
            }
            names.add(rest.substring(0, dot));
        }
        return names;
    }

    private static ApiToken token(Environment env, String name) {
        String prefix = TOKENS + "." + name;
        String hex = env.getProperty(prefix + ".sha256", String.class, "").strip();
        if (hex.length() != SHA256_HEX_DIGITS || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException(prefix + ".sha256 must be the 64 hex digits of the SHA-256 of the"
                    + " token (printf %s \"$TOKEN\" | sha256sum), never the token itself");
        }
        Set<String> apps = new LinkedHashSet<>(list(env, prefix + ".apps"));
        if (apps.isEmpty() || apps.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(prefix + ".apps must list the apps the token may use, or [\"*\"] for all");
        }
        Set<Scope> scopes = new LinkedHashSet<>();
        for (String scope : list(env, prefix + ".scopes")) {
            try {
                scopes.add(Scope.parse(scope));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(prefix + ".scopes: " + e.getMessage(), e);
            }
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException(prefix + ".scopes must list at least one of read, write, admin");
        }
        RateLimit own = RateLimitSettings.read(env, prefix, null);
        return new ApiToken(name, HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)), apps, scopes, own);
    }

    private static List<String> list(Environment env, String name) {
        return env.getProperty(name, Argument.listOf(String.class)).orElse(List.of()).stream().map(String::strip).toList();
    }
}
