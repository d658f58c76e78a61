package io.sessiongrid.node.session;

import io.micronaut.aop.Around;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names a session operation for measurement; {@code node.metrics} times every call to it by outcome. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Around
public @interface GridOperation {
    /** The operation's name as it appears in the {@code op} tag. */
    String value();
}
