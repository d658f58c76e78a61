package io.sessiongrid.node.config;

/**
 * A mistake in the node's configuration or surroundings that stops it from starting (a store it
 * cannot reach, a port another process holds). Its message is the whole story for an operator: what
 * failed, and which setting or environment variable to change. The launcher prints it as one line,
 * without a stack trace, and exits.
 */
public class StartupProblem extends RuntimeException {

    public StartupProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
