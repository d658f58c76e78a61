package io.sessiongrid.node.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/** Evaluates {@link RequiresService}: a class runs only when its service answers a TCP connect. */
final class ServiceCondition implements ExecutionCondition {

    private static final int CONNECT_TIMEOUT_MS = 2_000;
    /** Set to {@code true}, a missing service skips its tests instead of failing them. */
    static final String SKIP_ABSENT = "SESSIONGRID_TEST_SKIP_ABSENT_SERVICES";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        RequiresService service = context.getElement()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresService.class)).orElse(null);
        if (service == null) {
            return ConditionEvaluationResult.enabled("no service required");
        }
        String configured = System.getenv(service.env());
        String address = configured == null || configured.isBlank() ? service.address() : configured;
        InetSocketAddress target = socketAddress(address);
        try (Socket socket = new Socket()) {
            socket.connect(target, CONNECT_TIMEOUT_MS);
            return ConditionEvaluationResult.enabled(service.name() + " answers at " + address);
        } catch (IOException e) {
            String message = service.name() + " is not reachable at " + target.getHostString() + ":" + target.getPort()
                    + " (" + e.getMessage() + "): start it, or point the tests at one with " + service.env()
                    + " (README: Running the tests)";
            if (!"true".equals(System.getenv(SKIP_ABSENT))) {
                throw new IllegalStateException(message + "; or set " + SKIP_ABSENT + "=true to skip what needs it");
            }
            return ConditionEvaluationResult.disabled(message);
        }
    }

    /** A JDBC URL's host and port (PostgreSQL's 5432 when it names none), or {@code host:port}. */
    static InetSocketAddress socketAddress(String address) {
        if (address.startsWith("jdbc:")) {
            URI uri = URI.create(address.substring("jdbc:".length()));
            return new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
        }
        int colon = address.lastIndexOf(':');
        return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }
}
