package io.sessiongrid.node.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Evaluates {@link RequiresBrowser}: a class runs only when Chromium and chromedriver are installed. */
final class BrowserCondition implements ExecutionCondition {

    /** Set by {@code .ci/run} when it could not install them: skips only the browser tests. */
    static final String SKIP_ABSENT_BROWSER = "SESSIONGRID_TEST_SKIP_ABSENT_BROWSER";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresBrowser.class)).isEmpty()) {
            return ConditionEvaluationResult.enabled("no browser required");
        }
        String missing = missing(Browser.chromium(), Browser.CHROMIUM_ENV) + missing(Browser.driver(), Browser.DRIVER_ENV);
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
        }
        String message = missing + "install them (Debian: apt-get install chromium chromium-driver; README: Running the tests)";
        if (!"true".equals(System.getenv(ServiceCondition.SKIP_ABSENT)) && !"true".equals(System.getenv(SKIP_ABSENT_BROWSER))) {
            throw new IllegalStateException(message + ", or set " + ServiceCondition.SKIP_ABSENT + "=true to skip what needs them");
        }
        return ConditionEvaluationResult.disabled(message);
    }

    private static String missing(Path file, String env) {
        return Files.isExecutable(file) ? "" : file + " is missing (or set " + env + "); ";
    }
}
