package io.sessiongrid.node;

import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import io.sessiongrid.node.config.StartupProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Micronaut's launcher, except that a start failing for a reason an operator can fix from one line
 * (a store out of reach, a taken port) prints that line and exits 1, instead of a stack trace that
 * never names the setting. Any other failure is Micronaut's to report.
 */
final class NodeLauncher extends Micronaut {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    @Override
    protected void handleStartupException(Environment environment, Throwable exception) {
        Optional<String> explained = StartupProblems.explain(exception);
        if (explained.isPresent() && !environment.getActiveNames().contains(Environment.TEST)) {
            LOG.error("Session Grid cannot start: {}", explained.get());
            System.exit(1);
        }
        super.handleStartupException(environment, exception);
    }
}
