package io.sessiongrid.node.security;

import io.sessiongrid.node.ratelimit.RateLimit;

import java.security.MessageDigest;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * One configured API token: only the SHA-256 of the secret is known to the node.
 *
 * @param name      the entry's name under {@code sessiongrid.security.tokens}; safe to log
 * @param sha256    the SHA-256 of the token's UTF-8 bytes
 * @param apps      the apps it may address; {@code *} is every app
 * @param scopes    what it may do there
 * @param rateLimit its own rate limit, or null for the default of every token
 */
public record ApiToken(String name, byte[] sha256, Set<String> apps, Set<Scope> scopes, RateLimit rateLimit) {

    public static final String ANY_APP = "*";

    public ApiToken {
        sha256 = sha256.clone();
        apps = Set.copyOf(apps);
        scopes = scopes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(scopes));
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /** Compares in constant time (for hashes of equal length, which SHA-256 hashes are). */
    boolean hashEquals(byte[] hash) {
        return MessageDigest.isEqual(hash, sha256);
    }

    /** May this token use {@code scope} in {@code app}? */
    public boolean permits(String app, Scope scope) {
        return scopes.contains(scope) && (apps.contains(ANY_APP) || apps.contains(app));
    }

    /** May this token use {@code scope} across apps (routes that address no single app)? */
    public boolean permitsAcrossApps(Scope scope) {
        return scopes.contains(scope) && apps.contains(ANY_APP);
    }

    @Override
    public String toString() {
        return name + " " + apps + " " + scopes.stream().map(Scope::configName).toList();
    }
}
