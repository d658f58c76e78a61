package io.sessiongrid.node;

import io.micronaut.runtime.Micronaut;

/** Starts a Session Grid node: the HTTP API and an embedded Hazelcast member. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
