package io.sessiongrid.node.config;

import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;

import java.util.ArrayList;
import java.util.List;

/**
 * Property names under a prefix exactly as their sources spell them (files and system properties, not
 * environment variables). Micronaut's own listing normalizes names ({@code myApp} to {@code my-app}),
 * and names that are ids, such as app names, must match requests exactly.
 */
public final class RawKeys {

    private RawKeys() {
    }

    public static List<String> under(Environment env, String prefix) {
        List<String> keys = new ArrayList<>();
        for (PropertySource source : env.getPropertySources()) {
            for (String name : source) {
                if (name.startsWith(prefix + ".")) {
                    keys.add(name);
                }
            }
        }
        return keys;
    }
}
