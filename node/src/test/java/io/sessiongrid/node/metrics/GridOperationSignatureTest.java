package io.sessiongrid.node.metrics;

import io.sessiongrid.node.session.GridOperation;
import io.sessiongrid.node.session.RoutingService;
import io.sessiongrid.node.session.SessionService;
import io.sessiongrid.node.session.SessionsById;
import io.sessiongrid.node.session.UserSessionService;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link GridOperationInterceptor} tags each operation with its first argument as the app: every one must take it first. */
class GridOperationSignatureTest {

    @Test
    void everyGridOperationTakesItsAppFirst() {
        List<Method> operations = Arrays.stream(new Class<?>[] {
                        SessionService.class, SessionsById.class, RoutingService.class, UserSessionService.class})
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(GridOperation.class))
                .toList();

        assertThat(operations).hasSizeGreaterThan(20);
        for (Method operation : operations) {
            Parameter[] parameters = operation.getParameters();
            assertThat(parameters).as("%s's parameters", operation).isNotEmpty();
            assertThat(parameters[0].getType()).as("%s's first parameter", operation).isEqualTo(String.class);
            assertThat(parameters[0].getName()).as("%s's first parameter", operation).isEqualTo("app");
        }
    }
}
