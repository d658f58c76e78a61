package io.sessiongrid.node.config;

import io.netty.channel.unix.Errors;

import java.net.BindException;
import java.util.Optional;

/**
 * Finds, in a failed start's chain of causes, a mistake an operator can fix from one line: our own
 * {@link StartupProblem}s, and the two ports a node binds (Micronaut's HTTP server and the Hazelcast
 * member), which would otherwise surface as a long stack trace that never names the setting.
 */
public final class StartupProblems {

    /** Hazelcast's words when the member port is taken and auto-increment is off. */
    static final String MEMBER_PORT_TAKEN = "auto-increment is disabled";

    private StartupProblems() {
    }

    public static Optional<String> explain(Throwable failure) {
        Throwable memberPort = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StartupProblem problem) {
                return Optional.of(problem.getMessage());
            }
            if (t.getMessage() != null && t.getMessage().contains(MEMBER_PORT_TAKEN)) {
                memberPort = t; // the deepest: Micronaut's wrappers repeat it inside a page of bean paths
                continue;
            }
            if (memberPort != null) {
                continue;
            }
            if (isBindFailure(t)) {
                if (t.getMessage() != null && t.getMessage().contains("already in use")) {
                    return Optional.of("The HTTP port is taken (" + outermostMessage(failure, t) + "): set"
                            + " micronaut.server.port (env MICRONAUT_SERVER_PORT) to a free port, or stop the process"
                            + " that holds it");
                }
                return Optional.of("The HTTP server cannot bind (" + outermostMessage(failure, t) + ": "
                        + t.getMessage() + "): check micronaut.server.host (env MICRONAUT_SERVER_HOST), an address"
                        + " of this machine, and micronaut.server.port (env MICRONAUT_SERVER_PORT)");
            }
        }
        if (memberPort != null) {
            // Hazelcast words every bind failure so; a free port means the interface is not this machine's.
            return Optional.of("The cluster port is taken (" + memberPort.getMessage().trim() + "): set"
                    + " sessiongrid.cluster.port (env SESSIONGRID_CLUSTER_PORT) to a free port, or stop the process that"
                    + " holds it; if the port is free, sessiongrid.cluster.bind-interface (env SESSIONGRID_CLUSTER_INTERFACE)"
                    + " is not an address of this machine");
        }
        return Optional.empty();
    }

    /**
     * The JDK's {@link BindException}, or the same failure from Netty's native epoll transport (an
     * {@code Errors.NativeIoException} worded "bind(..) failed with error(-98): Address already in use").
     */
    private static boolean isBindFailure(Throwable t) {
        return t instanceof BindException
                || t instanceof Errors.NativeIoException && t.getMessage() != null && t.getMessage().startsWith("bind(");
    }

    /** Micronaut's own words name the address ("Unable to start Micronaut server on *:8080"); the bind's do not. */
    private static String outermostMessage(Throwable failure, Throwable bind) {
        for (Throwable t = failure; t != null && t != bind; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(":")) {
                return t.getMessage().replaceFirst("^Error starting Micronaut server: ", "");
            }
        }
        return bind.getMessage();
    }
}
