package io.sessiongrid.node.http;

import io.sessiongrid.client.BadRequestException;
import io.sessiongrid.client.CreateSessionOptions;
import io.sessiongrid.client.GetSessionOptions;
import io.sessiongrid.client.PageRequest;
import io.sessiongrid.client.Session;
import io.sessiongrid.client.SessionExistsException;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.client.SessionNotFoundException;
import io.sessiongrid.client.SessionsById;
import io.sessiongrid.client.VersionConflictException;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Web-style sessions addressed by id alone, through the SDK against a real node. */
class SessionByIdTest {

    private static TestNode node;
    private static SessionGridClient client;

    @BeforeAll
    static void start() {
        int port = io.sessiongrid.node.support.TestCluster.freePort();
        node = TestNode.start("byid-" + port, port, java.util.List.of("127.0.0.1:" + port),
                Map.of("sessiongrid.apps.small.max-session-bytes", 64));
        client = SessionGridClient.builder().endpoints(node.url()).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        node.close();
    }

    @Test
    void anonymousSessionsGetAUserOfTheirOwn() {
        SessionsById web = client.sessionsById("anon");
        Session first = web.create(null, CreateSessionOptions.builder().state(Map.of("cart", 0)).build());
        Session second = web.create(null, CreateSessionOptions.builder().build());

        assertThat(first.userId()).startsWith("~").hasSize(23).isNotEqualTo(second.userId());
        Session read = web.get(first.id(), GetSessionOptions.allEvents());
        assertThat(read.userId()).isEqualTo(first.userId());
        assertThat(read.state().get("cart").asInt()).isZero();
        assertThat(client.getSession("anon", first.userId(), first.id()).id()).isEqualTo(first.id());
    }

    @Test
    void idsAddressedAloneAreUniqueWithinTheApp() {
        SessionsById web = client.sessionsById("unique");
        web.create("ann", CreateSessionOptions.builder().sessionId("cookie-1").state(Map.of("owner", "ann")).build());

        assertThatThrownBy(() -> web.create("bob", CreateSessionOptions.builder().sessionId("cookie-1").build()))
                .isInstanceOf(SessionExistsException.class);
        assertThat(web.get("cookie-1", GetSessionOptions.allEvents()).userId()).isEqualTo("ann");
        assertThat(client.findSession("unique", "bob", "cookie-1")).isEmpty();
    }

    @Test
    void aStatePatchChangesStateAndVersionButStoresNoEvent() {
        SessionsById web = client.sessionsById("patch");
        Session created = web.create(null, CreateSessionOptions.builder().state(Map.of("a", 1, "b", "x")).build());

        assertThat(web.patchState(created.id(), Map.of("a", 2, "c", true))).isEqualTo(1);
        Map<String, Object> removal = new HashMap<>();
        removal.put("a", null);
        removal.put("user:theme", "dark");
        assertThat(web.patchState(created.id(), removal, 1)).isEqualTo(2);

        Session read = web.get(created.id(), GetSessionOptions.allEvents());
        assertThat(read.version()).isEqualTo(2);
        assertThat(read.events()).isEmpty();
        assertThat(read.state()).containsOnlyKeys("b", "c", "user:theme");
        assertThat(read.state().get("user:theme").asText()).isEqualTo("dark");
        assertThatThrownBy(() -> web.patchState(created.id(), Map.of("a", 3), 1))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> assertThat(e.currentVersion()).isEqualTo(2));
        assertThat(web.get(created.id(), GetSessionOptions.allEvents()).state()).doesNotContainKey("a");
    }

    @Test
    void aPatchOverTheSizeLimitIsRefusedAndChangesNothing() {
        SessionsById web = client.sessionsById("small");
        Session created = web.create(null, CreateSessionOptions.builder().state(Map.of("k", "v")).build());

        assertThatThrownBy(() -> web.patchState(created.id(), Map.of("big", "x".repeat(100))))
                .isInstanceOfSatisfying(io.sessiongrid.client.PolicyViolationException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.limit()).isEqualTo("max-session-bytes");
                });
        Session read = web.get(created.id(), GetSessionOptions.allEvents());
        assertThat(read.version()).isZero();
        assertThat(read.state()).containsOnlyKeys("k");
    }

    @Test
    void idLookupsAreCounted() throws Exception {
        SessionsById web = client.sessionsById("counted");
        Session created = web.create(null, CreateSessionOptions.builder().build());
        web.get(created.id(), GetSessionOptions.allEvents());
        web.find("unknown-id", GetSessionOptions.allEvents());

        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.url() + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("sessiongrid_ids_total\\{app=\"[^\"]+\",result=\"hit\"} [1-9]");
        assertThat(metrics).containsPattern("sessiongrid_ids_total\\{app=\"[^\"]+\",result=\"miss\"} [1-9]");
    }

    @Test
    void aPatchRestartsTheIdleTimeout() throws InterruptedException {
        SessionsById web = client.sessionsById("idle");
        Session created = web.create(null, CreateSessionOptions.builder().maxIdle(Duration.ofSeconds(2)).build());

        // 3.5 s in all, well past the idle timeout, each patch within it of the last (Hazelcast keeps
        // access times to the second, so not at its edge).
        for (int i = 0; i < 5; i++) {
            Thread.sleep(700);
            web.patchState(created.id(), Map.of("n", i));
        }
        assertThat(client.getSession("idle", created.userId(), created.id()).state().get("n").asInt()).isEqualTo(4);
        // Left alone, it goes (watched through counts: a get would count as access).
        await().atMost(Duration.ofSeconds(10)).until(() -> client.countUserSessions("idle", created.userId()) == 0);
        assertThat(web.find(created.id(), GetSessionOptions.allEvents())).isEmpty();
    }

    @Test
    void theIdleTimeoutCanBeChangedAfterCreate() {
        SessionsById web = client.sessionsById("timeouts");
        Session created = web.create(null, CreateSessionOptions.builder().state(Map.of("k", 1)).build());

        web.setMaxIdle(created.id(), Duration.ofSeconds(1));
        Session shortened = web.get(created.id(), GetSessionOptions.allEvents());
        assertThat(shortened.maxIdle()).isEqualTo(Duration.ofSeconds(1));
        assertThat(shortened.version()).isZero();
        assertThat(shortened.state().get("k").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.countUserSessions("timeouts", created.userId()) == 0);

        Session kept = web.create(null, CreateSessionOptions.builder().maxIdle(Duration.ofSeconds(1)).build());
        web.setMaxIdle(kept.id(), null);  // the app's: none here, so it never goes idle
        assertThat(web.get(kept.id(), GetSessionOptions.allEvents()).maxIdle()).isEqualTo(Duration.ZERO);
        await().during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(4))
                .until(() -> client.countUserSessions("timeouts", kept.userId()) == 1);
    }

    @Test
    void changingTheIdKeepsEverythingButTheOldId() {
        SessionsById web = client.sessionsById("fixation");
        Session created = web.create(null, CreateSessionOptions.builder().state(Map.of("k", "v"))
                .maxIdle(Duration.ofSeconds(600)).ttl(Duration.ofSeconds(3600)).build());
        web.patchState(created.id(), Map.of("k2", "v2"));

        Session moved = web.changeId(created.id());

        assertThat(moved.id()).isNotEqualTo(created.id()).hasSize(22);
        assertThat(moved.userId()).isEqualTo(created.userId());
        assertThat(moved.version()).isEqualTo(1);
        assertThat(moved.maxIdle()).isEqualTo(Duration.ofSeconds(600));
        assertThat(moved.ttl()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(moved.createTime()).isEqualTo(created.createTime());
        assertThat(moved.state()).containsOnlyKeys("k", "k2");
        assertThat(web.find(created.id(), GetSessionOptions.allEvents())).isEmpty();
        assertThatThrownBy(() -> web.patchState(created.id(), Map.of("x", 1))).isInstanceOf(SessionNotFoundException.class);
        assertThat(web.get(moved.id(), GetSessionOptions.allEvents()).state()).containsOnlyKeys("k", "k2");

        // A client may name the new id (a web framework sets the cookie before it saves); a taken one is refused.
        web.create("other", CreateSessionOptions.builder().sessionId("taken").build());
        assertThatThrownBy(() -> web.changeId(moved.id(), "taken")).isInstanceOf(SessionExistsException.class);
        assertThat(web.changeId(moved.id(), "chosen-id").id()).isEqualTo("chosen-id");
        assertThat(web.find(moved.id(), GetSessionOptions.allEvents())).isEmpty();
        assertThat(web.get("chosen-id", GetSessionOptions.allEvents()).state()).containsOnlyKeys("k", "k2");
        assertThat(web.get("taken", GetSessionOptions.allEvents()).userId()).isEqualTo("other");
    }

    @Test
    void rekeyingMakesTheSessionTheUsersSoLogOutEverywhereEndsIt() {
        SessionsById web = client.sessionsById("login");
        Session browserA = web.create(null, CreateSessionOptions.builder().state(Map.of("lang", "fi")).build());
        Session browserB = web.create(null, CreateSessionOptions.builder().build());

        Session loggedIn = web.rekey(browserA.id(), "alice");
        web.rekey(browserB.id(), "alice");
        web.rekey(browserB.id(), "alice");  // again: nothing changes

        assertThat(loggedIn.id()).isEqualTo(browserA.id());
        assertThat(loggedIn.userId()).isEqualTo("alice");
        assertThat(loggedIn.state().get("lang").asText()).isEqualTo("fi");
        assertThat(client.findSession("login", browserA.userId(), browserA.id())).isEmpty();
        assertThat(client.listSessions("login", "alice", PageRequest.first()).sessions()).extracting(Session::id)
                .containsExactlyInAnyOrder(browserA.id(), browserB.id());

        assertThat(client.deleteUserSessions("login", "alice")).isEqualTo(2);
        assertThat(web.find(browserA.id(), GetSessionOptions.allEvents())).isEmpty();
        assertThat(web.find(browserB.id(), GetSessionOptions.allEvents())).isEmpty();
    }

    @Test
    void aLoggedOutSessionKeptByTheAppBecomesAnonymousAndLeavesTheUser() {
        SessionsById web = client.sessionsById("logout-keep");
        Session kept = web.create("erin", CreateSessionOptions.builder().state(Map.of("cart", "book")).build());
        Session other = web.create("erin", CreateSessionOptions.builder().build());

        Session anonymous = web.makeAnonymous(kept.id());
        Session again = web.makeAnonymous(kept.id());  // a repeat changes nothing

        assertThat(anonymous.id()).isEqualTo(kept.id());
        assertThat(anonymous.userId()).startsWith("~").hasSize(23);
        assertThat(again.userId()).isEqualTo(anonymous.userId());
        assertThat(anonymous.state().get("cart").asText()).isEqualTo("book");
        assertThat(client.countUserSessions("logout-keep", "erin")).isEqualTo(1);
        assertThat(client.deleteUserSessions("logout-keep", "erin")).isEqualTo(1);
        assertThat(web.find(other.id(), GetSessionOptions.allEvents())).isEmpty();
        assertThat(web.get(kept.id(), GetSessionOptions.allEvents()).userId()).isEqualTo(anonymous.userId());
        // A login later takes it again.
        assertThat(web.rekey(kept.id(), "erin").userId()).isEqualTo("erin");
    }

    @Test
    void everyCallByIdHasAnAsyncFormThatAnswersAsTheBlockingOneDoes() {
        SessionsById web = client.sessionsById("async-by-id");

        Session created = web.createAsync(null, CreateSessionOptions.builder().sessionId("a-1")
                .state(Map.of("lang", "fi")).build()).join();
        long version = web.patchStateAsync("a-1", Map.of("cart", "book")).join();
        web.setMaxIdleAsync("a-1", Duration.ofSeconds(90)).join();
        Session moved = web.changeIdAsync("a-1", "a-2").join();
        Session again = web.changeIdAsync("a-1", "a-2").join();  // a repeat finds it done
        Session fran = web.rekeyAsync("a-2", "fran").join();
        Session anonymous = web.makeAnonymousAsync("a-2").join();

        assertThat(created.userId()).startsWith("~");
        assertThat(version).isEqualTo(1);
        assertThat(moved.id()).isEqualTo("a-2");
        assertThat(again.id()).isEqualTo("a-2");
        assertThat(fran.userId()).isEqualTo("fran");
        assertThat(anonymous.userId()).startsWith("~").isNotEqualTo(created.userId());
        Session read = web.getAsync("a-2", GetSessionOptions.recentEvents(0)).join();
        assertThat(read.state().get("cart").asText()).isEqualTo("book");
        assertThat(read.maxIdle()).isEqualTo(Duration.ofSeconds(90));
        assertThat(client.getPolicyAsync("async-by-id").join()).isEqualTo(client.getPolicy("async-by-id"));

        web.touchAsync("a-2").join();
        assertThat(web.patchStateAsync("a-2", Map.of("step", 2), version).join()).isEqualTo(version + 1);
        assertThatThrownBy(() -> web.patchStateAsync("a-2", Map.of("step", 3), version).join())
                .hasCauseInstanceOf(VersionConflictException.class);
        Session generated = web.changeIdAsync("a-2").join();
        assertThat(generated.id()).isNotEqualTo("a-2");
        assertThat(web.findAsync("a-2", GetSessionOptions.allEvents()).join()).isEmpty();
        // Bad arguments fail the future, as the blocking call would throw, rather than the call itself.
        assertThat(web.patchStateAsync(generated.id(), Map.of(), -1)).isCompletedExceptionally();
        assertThat(web.rekeyAsync(generated.id(), null)).isCompletedExceptionally();
        assertThat(web.createAsync(null, null)).isCompletedExceptionally();

        web.deleteAsync(generated.id()).join();

        assertThat(web.findAsync(generated.id(), GetSessionOptions.allEvents()).join()).isEmpty();
        assertThatThrownBy(() -> web.getAsync(generated.id(), GetSessionOptions.allEvents()).join())
                .hasCauseInstanceOf(SessionNotFoundException.class);
        assertThatThrownBy(() -> web.changeIdAsync("never-was", "x").join())
                .hasCauseInstanceOf(SessionNotFoundException.class);
        assertThatThrownBy(() -> web.createAsync(null, CreateSessionOptions.builder().sessionId("taken").build())
                .thenCompose(s -> web.createAsync("other", CreateSessionOptions.builder().sessionId("taken").build())).join())
                .hasCauseInstanceOf(SessionExistsException.class);
    }

    @Test
    void aRekeyWithoutAUserIdFieldIsRefusedNamingBothForms() throws Exception {
        Session created = client.sessionsById("rekey-body").create(null, CreateSessionOptions.builder().build());
        HttpResponse<String> refused = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(node.url() + "/v1/apps/rekey-body/sessions/" + created.id() + ":rekey"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("{\\\"userId\\\": null} to make the session anonymous again");
    }

    @Test
    void pinningAndUnpinningKeepTheSessionFoundById() {
        SessionsById web = client.sessionsById("pinned");
        Session created = web.create(null, CreateSessionOptions.builder().build());

        client.setWorker("pinned", created.userId(), created.id(), "w-1");
        assertThat(client.findRoute("pinned", created.id()).orElseThrow().workerId()).isEqualTo("w-1");
        assertThat(client.countWorkerSessions("pinned", "w-1")).isEqualTo(1);
        client.setWorker("pinned", created.userId(), created.id(), null);

        assertThat(client.findRoute("pinned", created.id())).isEmpty();
        assertThat(client.countWorkerSessions("pinned", "w-1")).isZero();
        assertThat(web.get(created.id(), GetSessionOptions.allEvents()).userId()).isEqualTo(created.userId());
        // A changed id keeps the worker when pinned.
        client.setWorker("pinned", created.userId(), created.id(), "w-2");
        Session moved = web.changeId(created.id());
        assertThat(client.findRoute("pinned", moved.id()).orElseThrow().workerId()).isEqualTo("w-2");
        assertThat(client.findRoute("pinned", created.id())).isEmpty();
        assertThat(client.countWorkerSessions("pinned", "w-2")).isEqualTo(1);
    }

    @Test
    void aRekeyedPinnedSessionKeepsItsWorkerAndReservedUserIdsAreRefused() {
        SessionsById web = client.sessionsById("rekey-pinned");
        Session created = web.create(null, CreateSessionOptions.builder().build());
        client.setWorker("rekey-pinned", created.userId(), created.id(), "w-9");

        web.rekey(created.id(), "carol");

        assertThat(client.findRoute("rekey-pinned", created.id()).orElseThrow().userId()).isEqualTo("carol");
        assertThat(client.findRoute("rekey-pinned", created.id()).orElseThrow().workerId()).isEqualTo("w-9");
        assertThatThrownBy(() -> web.rekey(created.id(), "~mallory")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> web.create("~mallory", CreateSessionOptions.builder().build()))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void logOutEverywhereWaitsForARewriteInsteadOfLosingToIt() throws Exception {
        SessionsById web = client.sessionsById("logout-race");
        Session created = web.create("dave", CreateSessionOptions.builder().build());
        com.hazelcast.map.IMap<Object, Object> sessions = node.context()
                .getBean(com.hazelcast.core.HazelcastInstance.class).getMap("sessions.logout-race");
        Object key = sessions.keySet().iterator().next();
        sessions.lock(key);  // as a move or a timeout change holds it
        java.util.concurrent.CompletableFuture<Long> logout =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> client.deleteUserSessions("logout-race", "dave"));
        Thread.sleep(500);
        assertThat(logout).isNotDone();
        sessions.unlock(key);

        assertThat(logout.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(web.find(created.id(), GetSessionOptions.allEvents())).isEmpty();
    }

    @Test
    void touchAndDeleteByIdAndAbsentIds() {
        SessionsById web = client.sessionsById("plain");
        Session created = web.create("ann", CreateSessionOptions.builder().build());

        web.touch(created.id());
        web.delete(created.id());
        web.delete(created.id());
        web.delete("never-was");

        assertThatThrownBy(() -> web.touch(created.id())).isInstanceOf(SessionNotFoundException.class)
                .hasMessageContaining("No session '" + created.id() + "' addressed by its id in app 'plain'")
                .hasMessageNotContaining("ann");
        assertThatThrownBy(() -> web.changeId("never-was")).isInstanceOf(SessionNotFoundException.class);
        assertThatThrownBy(() -> web.rekey("never-was", "ann")).isInstanceOf(SessionNotFoundException.class);
    }

    @Test
    void malformedRequestsAreProblems() throws Exception {
        SessionsById web = client.sessionsById("bad");
        Session created = web.create(null, CreateSessionOptions.builder().build());
        String base = node.url() + "/v1/apps/bad/sessions/" + created.id();

        HttpResponse<String> noState = send(HttpRequest.newBuilder(URI.create(base))
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build());
        HttpResponse<String> noUser = send(HttpRequest.newBuilder(URI.create(base + ":rekey"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(noState.statusCode()).isEqualTo(400);
        assertThat(noState.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(noState.body()).contains("\"type\":\"https://sessiongrid.io/problems/invalid-request\"");
        assertThat(noUser.statusCode()).isEqualTo(400);
        assertThat(web.get(created.id(), GetSessionOptions.allEvents()).version()).isZero();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
