package io.sessiongrid.node.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route that serves no data, only the node's own files (the OpenAPI document, the console's page
 * and scripts): open to anyone, as the health probe is, when access control is on. A browser cannot
 * send a bearer token when it opens a page; the console's calls to the API carry the token.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PublicResource {
}
