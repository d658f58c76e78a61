package io.sessiongrid.adk;

import com.google.adk.sessions.Session;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.reactivex.rxjava3.core.Single;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static io.sessiongrid.adk.SessionLifecycleTest.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Results arrive on the HTTP client's threads but reach the subscriber with its OpenTelemetry context
 * current: each call below observes {@code Context.current()} in its result callback.
 */
class CallerContextTest {

    private static final ContextKey<String> REQUEST = ContextKey.named("request");

    private static GridFixture grid;
    private static SessionGridSessionService service;

    @BeforeAll
    static void start() {
        grid = new GridFixture();
        service = grid.service();
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void everyCallDeliversItsResultInTheCallersContext() {
        Context caller = Context.root().with(REQUEST, "request-1");

        assertThat(observedBy(caller, service.createSession("ctx", "ann", Map.of(), "c").map(s -> Context.current())))
                .isSameAs(caller);
        Session session = service.getSession("ctx", "ann", "c", Optional.empty()).blockingGet();
        assertThat(observedBy(caller, service.appendEvent(session, event("e1", 1_000)).map(e -> Context.current())))
                .isSameAs(caller);
        assertThat(observedBy(caller, service.getSession("ctx", "ann", "c", Optional.empty()).map(s -> Context.current()).toSingle()))
                .isSameAs(caller);
        assertThat(observedBy(caller, service.getSession("ctx", "ann", "absent", Optional.empty()).isEmpty().map(empty -> Context.current())))
                .isSameAs(caller);
        assertThat(observedBy(caller, service.listSessions("ctx", "ann").map(r -> Context.current())))
                .isSameAs(caller);
        assertThat(observedBy(caller, service.listEvents("ctx", "ann", "c").map(r -> Context.current())))
                .isSameAs(caller);
        assertThat(observedBy(caller, service.deleteSession("ctx", "ann", "c").toSingle(Context::current)))
                .isSameAs(caller);
    }

    @Test
    void aFailureIsDeliveredInTheCallersContextToo() {
        Context caller = Context.root().with(REQUEST, "request-2");
        Session session = service.createSession("ctx", "bob", Map.of(), "gone").blockingGet();
        service.deleteSession("ctx", "bob", "gone").blockingAwait();

        Single<Context> failed = service.appendEvent(session, event("e1", 1_000))
                .map(e -> Context.root())
                .onErrorReturn(error -> Context.current());

        assertThat(observedBy(caller, failed)).isSameAs(caller);
    }

    /** What {@code call}'s callback saw as current, subscribed with {@code caller} current. */
    private static Context observedBy(Context caller, Single<Context> call) {
        try (Scope ignored = caller.makeCurrent()) {
            return call.blockingGet();
        }
    }
}
