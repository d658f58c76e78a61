package io.sessiongrid.node.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope a route needs when its HTTP method alone would say otherwise: without it a GET needs
 * {@link Scope#READ} and any other method {@link Scope#WRITE}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiredScope {
    Scope value();
}
