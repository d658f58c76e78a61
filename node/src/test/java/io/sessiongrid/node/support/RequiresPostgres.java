package io.sessiongrid.node.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A test class that runs against the local PostgreSQL {@link StoreDatabase#local()} names. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RequiresService(name = "PostgreSQL", env = "SESSIONGRID_TEST_JDBC_URL", address = StoreDatabase.DEFAULT_URL)
public @interface RequiresPostgres {
}
