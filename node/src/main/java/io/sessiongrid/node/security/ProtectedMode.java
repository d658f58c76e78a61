package io.sessiongrid.node.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Secure by default without hurting the quick start: with access control off, the node serves only a
 * loopback address unless {@code sessiongrid.security.enabled: false} says, explicitly, that something
 * else guards it. Checked while the context starts, before the HTTP server binds.
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE) // before the Hazelcast member starts, so a refusal leaves nothing running
public class ProtectedMode {

    public ProtectedMode(SecuritySettings settings, @Value("${micronaut.server.host:}") String host) {
        check(settings, host);
    }

    static void check(SecuritySettings settings, String host) {
        if (settings.enabled().isPresent() || loopback(host)) {
            return;
        }
        String address = host == null || host.isBlank() ? "every interface" : host;
        throw new IllegalStateException("Protected mode: refusing to serve the HTTP API on " + address
                + " without access control, since anyone who reaches it could read and change every session."
                + " Either configure API tokens (" + SecuritySettings.ENABLED + ": true and " + SecuritySettings.TOKENS
                + "; see README, \"Access control\"), or opt out explicitly with " + SecuritySettings.ENABLED
                + ": false (SESSIONGRID_SECURITY_ENABLED=false) where a network boundary guards the node,"
                + " or bind a loopback address (micronaut.server.host: 127.0.0.1).");
    }

    static boolean loopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            return Arrays.stream(InetAddress.getAllByName(host.strip())).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
