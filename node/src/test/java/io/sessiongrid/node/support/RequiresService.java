package io.sessiongrid.node.support;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that needs a service on this machine (PostgreSQL, Redis). Before anything of the class
 * runs, one short connect checks it: absent, the class fails at once with a message naming the service
 * and the variable that points the tests elsewhere (or is skipped with that message when
 * {@code SESSIONGRID_TEST_SKIP_ABSENT_SERVICES=true}). Without it a missing database shows as minutes
 * of connection retries.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ServiceCondition.class)
public @interface RequiresService {

    /** What the message calls it, e.g. "PostgreSQL". */
    String name();

    /** The variable that overrides {@link #address()}. */
    String env();

    /** Where it is unless {@link #env()} says otherwise: a JDBC URL or {@code host:port}. */
    String address();
}
