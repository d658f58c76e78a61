package io.sessiongrid.node.support;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that drives a real browser: Chromium and its chromedriver (Debian: {@code apt-get
 * install chromium chromium-driver}). Absent, the class fails at once naming them and the variables
 * that point elsewhere, or is skipped with that message under {@code SESSIONGRID_TEST_SKIP_ABSENT_SERVICES=true},
 * as {@link RequiresService} does for databases.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserCondition.class)
public @interface RequiresBrowser {
}
