package io.sessiongrid.node.security;

import java.util.Locale;

/**
 * What a token may do within its apps. The scopes are independent: a token gets each one it needs.
 */
public enum Scope {
    /** The GET routes of an app: sessions, events, state, routes, counts. */
    READ,
    /** Every other route of an app: create, append, patch, touch, delete, pin, log a user out. */
    WRITE,
    /** Policy, sweeps over a whole app, worker reroutes and worker sweeps, and anything across apps. */
    ADMIN;

    /** The scope as written in configuration ({@code read}, {@code write}, {@code admin}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Scope parse(String name) {
        for (Scope scope : values()) {
            if (scope.configName().equals(name.strip().toLowerCase(Locale.ROOT))) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + name + "'; known scopes: read, write, admin");
    }
}
