package io.sessiongrid.node.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessiongrid.node.session.model.EventWindow;
import io.sessiongrid.node.session.process.AppendEventProcessor;
import io.sessiongrid.node.support.Engines;
import io.sessiongrid.node.support.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On one member the steps of an append and a create run on partition threads
 * ({@code GridCalls.partitionThreadOr}); whatever the outcome, its result must still arrive on the
 * executor the caller gave, which writes the answer, and the layer writes must all have happened.
 */
class AsyncStepsTest {

    private static final String APP = "async-steps";

    private static TestCluster cluster;
    private static SessionService engine;
    private static ExecutorService steps;

    @BeforeAll
    static void start() {
        cluster = new TestCluster(1);
        engine = Engines.on(cluster.member(0));
        steps = Executors.newSingleThreadExecutor(r -> new Thread(r, "steps"));
        engine.create(APP, "u", "s", obj("{\"step\":0}"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        steps.shutdown();
        steps.awaitTermination(5, TimeUnit.SECONDS);
        cluster.close();
    }

    @Test
    void anAppendStoresItsLayersAndAnswersOnTheCallersExecutor() {
        Outcome<AppendResult> appended = delivered(() -> engine.appendAsync(APP, "u", "s",
                event("e1", "{\"step\":1,\"user:lang\":\"en\",\"app:model\":\"v1\",\"temp:x\":2}"),
                AppendEventProcessor.ANY_VERSION, steps));
        assertThat(appended.thread()).isEqualTo("steps");
        assertThat(appended.value().version()).isEqualTo(1);
        assertThat(state("s")).containsAllEntriesOf(Map.of("step", "1", "user:lang", "\"en\"", "app:model", "\"v1\""))
                .doesNotContainKey("temp:x");

        Outcome<AppendResult> replayed = delivered(() -> engine.appendAsync(APP, "u", "s",
                event("e1", "{\"step\":1,\"user:lang\":\"en\",\"app:model\":\"v1\"}"), AppendEventProcessor.ANY_VERSION, steps));
        assertThat(replayed.thread()).isEqualTo("steps");
        assertThat(replayed.value().replayed()).isTrue();
        assertThat(replayed.value().version()).isEqualTo(1);
    }

    @Test
    void anAppendThatIsRefusedFailsOnTheCallersExecutor() {
        Outcome<AppendResult> missing = delivered(() -> engine.appendAsync(APP, "u", "absent",
                event("e2", "{\"user:lang\":\"de\"}"), AppendEventProcessor.ANY_VERSION, steps));
        assertThat(missing.thread()).isEqualTo("steps");
        assertThat(missing.failure()).isInstanceOf(SessionGridError.class)
                .extracting(e -> ((SessionGridError) e).kind()).isEqualTo(SessionGridError.Kind.SESSION_NOT_FOUND);

        Outcome<AppendResult> stale = delivered(() -> engine.appendAsync(APP, "u", "s",
                event("e3", "{\"user:lang\":\"fr\"}"), 999, steps));
        assertThat(stale.thread()).isEqualTo("steps");
        assertThat(stale.failure()).isInstanceOf(VersionMismatchError.class);
        // Neither refused event touched the user layer.
        assertThat(text(engine.userState(APP, "u"))).doesNotContainValue("\"de\"").doesNotContainValue("\"fr\"");
    }

    @Test
    void aCreateAnswersOnTheCallersExecutorWhetherItIsMadeOrAlreadyThere() {
        Outcome<Session> made = delivered(() -> engine.createAsync(APP, "u2", "c1",
                obj("{\"a\":1,\"user:tz\":\"UTC\",\"app:region\":\"eu\"}"), RequestedExpiry.APP_DEFAULTS, null, steps, steps));
        assertThat(made.thread()).isEqualTo("steps");
        assertThat(text(made.value().state())).containsEntry("a", "1").containsEntry("user:tz", "\"UTC\"")
                .containsEntry("app:region", "\"eu\"");

        Outcome<Session> again = delivered(() -> engine.createAsync(APP, "u2", "c1", obj("{}"),
                RequestedExpiry.APP_DEFAULTS, null, steps, steps));
        assertThat(again.thread()).isEqualTo("steps");
        assertThat(again.failure()).isInstanceOf(SessionGridError.class)
                .extracting(e -> ((SessionGridError) e).kind()).isEqualTo(SessionGridError.Kind.SESSION_EXISTS);
    }

    private record Outcome<T>(T value, Throwable failure, String thread) {
    }

    /**
     * Starts a call while {@code steps} is held, so its result cannot arrive before the callback that
     * notes where it arrives is in place; then lets {@code steps} run.
     */
    private static <T> Outcome<T> delivered(Supplier<CompletableFuture<T>> call) {
        CountDownLatch hold = new CountDownLatch(1);
        steps.execute(() -> {
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<Outcome<T>> outcome = new CompletableFuture<>();
        call.get().whenComplete((value, failure) ->
                outcome.complete(new Outcome<>(value, failure, Thread.currentThread().getName())));
        hold.countDown();
        return outcome.orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static Map<String, String> state(String sessionId) {
        return text(engine.get(APP, "u", sessionId, EventWindow.ALL).state());
    }

    private static byte[] event(String id, String delta) {
        return ("{\"id\":\"" + id + "\",\"author\":\"agent\",\"actions\":{\"stateDelta\":" + delta + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode obj(String json) {
        try {
            return (ObjectNode) new SessionBeans().stateJson().mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, String> text(Map<String, byte[]> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }
}
