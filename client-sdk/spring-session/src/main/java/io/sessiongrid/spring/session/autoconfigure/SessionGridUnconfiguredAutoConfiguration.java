package io.sessiongrid.spring.session.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.session.SessionRepository;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * This module on the classpath of a web app (servlet or reactive) whose {@code sessiongrid.endpoints} is missing: the
 * grid's repository stays off and the container's own sessions, one set per instance, serve instead.
 * That is never what someone who added the module wanted, so it is not silent: with other
 * {@code sessiongrid.*} settings in the application's configuration (a misspelled {@code endpoints},
 * say) the start fails naming them; with none it logs a warning. {@code sessiongrid.session.enabled=false} says it is meant.
 */
@AutoConfiguration
@ConditionalOnClass(SessionRepository.class)
@Conditional(OnGridEndpointsCondition.Absent.class)
@ConditionalOnWebApplication
public class SessionGridUnconfiguredAutoConfiguration {

    private static final Log LOG = LogFactory.getLog(SessionGridUnconfiguredAutoConfiguration.class);

    static final String WHY = "sessiongrid.endpoints is not set, so HTTP sessions are the servlet container's own"
            + " (each instance has its own, none in Session Grid). Set sessiongrid.endpoints (env"
            + " SESSIONGRID_ENDPOINTS), e.g. http://grid:8080, or sessiongrid.session.enabled=false to run without"
            + " the grid on purpose";

    @Bean
    UnconfiguredNotice sessionGridUnconfiguredNotice(Environment environment) {
        List<String> settings = sessionGridSettings(environment);
        if (!settings.isEmpty()) {
            throw new IllegalStateException(WHY + ". These Session Grid settings are present but do nothing without"
                    + " it: " + String.join(", ", settings));
        }
        LOG.warn("sessiongrid-spring-session is on the classpath, but " + WHY);
        return new UnconfiguredNotice();
    }

    /**
     * The names of {@code sessiongrid.*} settings the application itself declares (its config files,
     * command line, test properties). The JVM's system properties and environment are left out: a
     * process may carry {@code sessiongrid.*} names for other tools (the node's own, a test harness').
     */
    static List<String> sessionGridSettings(Environment environment) {
        TreeSet<String> names = new TreeSet<>();
        if (environment instanceof ConfigurableEnvironment configurable) {
            configurable.getPropertySources().forEach(source -> {
                if (source instanceof EnumerablePropertySource<?> enumerable && !PROCESS_SOURCES.contains(source.getName())) {
                    Arrays.stream(enumerable.getPropertyNames()).filter(name -> name.startsWith("sessiongrid."))
                            .forEach(names::add);
                }
            });
        }
        return List.copyOf(names);
    }

    private static final Set<String> PROCESS_SOURCES = Set.of(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);

    /** Marks that the notice was given (a bean, so the check runs once per context). */
    static final class UnconfiguredNotice {
    }
}
