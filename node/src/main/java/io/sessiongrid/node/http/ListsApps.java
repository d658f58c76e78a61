package io.sessiongrid.node.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route across apps that shows each caller only the apps its token may read: any valid token passes,
 * and the handler filters with {@link AppVisibility}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ListsApps {
}
