package io.sessiongrid.spring.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessiongrid.client.GetSessionOptions;
import io.sessiongrid.client.SessionGridClient;
import io.sessiongrid.node.process.NodeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEvent;
import org.springframework.session.FlushMode;
import org.springframework.session.SaveMode;
import org.springframework.session.events.SessionCreatedEvent;
import org.springframework.session.events.SessionDeletedEvent;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository on its own against a real node process: encodings, modes, events, timeouts. */
class SessionGridSessionRepositoryTest {

    record Address(String city, int zip) {
    }

    private static NodeProcess node;
    private static SessionGridClient grid;

    @BeforeAll
    static void start() throws IOException {
        int http;
        int member;
        try (ServerSocket one = new ServerSocket(0); ServerSocket two = new ServerSocket(0)) {
            http = one.getLocalPort();
            member = two.getLocalPort();
        }
        node = NodeProcess.start("repository-node", "repo-" + member, http, member, List.of("127.0.0.1:" + member),
                        Map.of("sessiongrid.apps.capped.max-idle", "60s"))
                .awaitReady(Duration.ofSeconds(90));
        grid = SessionGridClient.builder().endpoints(node.url()).build();
    }

    @AfterAll
    static void stop() {
        if (grid != null) {
            grid.close();
        }
        if (node != null) {
            node.stop(Duration.ofSeconds(30));
        }
    }

    @Test
    void aSessionExistsInTheGridFromItsFirstSaveWithItsIdAndTimeout() {
        SessionGridSessionRepository repository = new SessionGridSessionRepository(grid, "repo");
        repository.setDefaultMaxInactiveInterval(Duration.ofMinutes(20));
        SessionGridSession session = repository.createSession();
        session.setAttribute("k", "v");

        assertThat(repository.findById(session.getId())).isNull();
        repository.save(session);

        SessionGridSession found = repository.findById(session.getId());
        assertThat(found.<String>getAttribute("k")).isEqualTo("v");
        assertThat(found.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(20));
        assertThat(found.getId()).hasSize(22);
        assertThat(grid.sessionsById("repo").get(session.getId(), GetSessionOptions.recentEvents(0)).events()).isEmpty();
    }

    @Test
    void aSaveSendsOnlyWhatChangedAndStoresNoEvent() {
        SessionGridSessionRepository repository = new SessionGridSessionRepository(grid, "delta");
        SessionGridSession session = repository.createSession();
        session.setAttribute("a", 1L);
        session.setAttribute("b", 2L);
        repository.save(session);
        SessionGridSession one = repository.findById(session.getId());
        SessionGridSession two = repository.findById(session.getId());

        one.setAttribute("a", 10L);
        two.removeAttribute("b");
        two.setAttribute("c", 3L);
        repository.save(one);
        repository.save(two);

        SessionGridSession merged = repository.findById(session.getId());
        assertThat(merged.getAttributeNames()).containsExactlyInAnyOrder("a", "c");
        assertThat(merged.<Long>getAttribute("a")).isEqualTo(10L);
        io.sessiongrid.client.Session stored = grid.sessionsById("delta").get(session.getId(), GetSessionOptions.allEvents());
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.events()).isEmpty();
    }

    @Test
    void immediateFlushAndSaveAlways() {
        SessionGridSessionRepository immediate = new SessionGridSessionRepository(grid, "modes");
        immediate.setFlushMode(FlushMode.IMMEDIATE);
        SessionGridSession session = immediate.createSession();
        assertThat(immediate.findById(session.getId())).isNotNull();
        session.setAttribute("now", "stored");
        assertThat(immediate.findById(session.getId()).<String>getAttribute("now")).isEqualTo("stored");

        SessionGridSessionRepository always = new SessionGridSessionRepository(grid, "modes");
        always.setSaveMode(SaveMode.ALWAYS);
        SessionGridSession copy = always.findById(session.getId());
        grid.sessionsById("modes").patchState(session.getId(), Map.of("now", "overwritten elsewhere"));
        always.save(copy);  // ALWAYS writes every attribute back, changed or not
        assertThat(always.findById(session.getId()).<String>getAttribute("now")).isEqualTo("stored");
    }

    @Test
    void theIdleTimeoutFollowsTheMaxInactiveInterval() {
        SessionGridSessionRepository repository = new SessionGridSessionRepository(grid, "idle");
        SessionGridSession session = repository.createSession();
        repository.save(session);
        SessionGridSession loaded = repository.findById(session.getId());

        loaded.setMaxInactiveInterval(Duration.ofSeconds(-1));
        repository.save(loaded);
        assertThat(repository.findById(session.getId()).getMaxInactiveInterval()).isNegative();
        loaded.setMaxInactiveInterval(Duration.ofMillis(1_500));  // the grid counts whole seconds: 2
        repository.save(loaded);
        assertThat(grid.sessionsById("idle").get(session.getId(), GetSessionOptions.recentEvents(0)).maxIdle())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anIntervalLongerThanTheAppsIdleTimeoutBecomesTheApps() {
        SessionGridSessionRepository repository = new SessionGridSessionRepository(grid, "capped");
        SessionGridSession session = repository.createSession();  // Spring's default: 30 minutes
        repository.save(session);
        SessionGridSession shorter = repository.findById(session.getId());
        shorter.setMaxInactiveInterval(Duration.ofSeconds(20));
        repository.save(shorter);

        assertThat(grid.sessionsById("capped").get(session.getId(), GetSessionOptions.recentEvents(0)).maxIdle())
                .isEqualTo(Duration.ofSeconds(20));
        SessionGridSession longer = repository.findById(session.getId());
        longer.setMaxInactiveInterval(Duration.ofHours(2));
        repository.save(longer);
        assertThat(grid.sessionsById("capped").get(session.getId(), GetSessionOptions.recentEvents(0)).maxIdle())
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void savingASessionThatIsGoneDropsItsChanges() {
        SessionGridSessionRepository repository = new SessionGridSessionRepository(grid, "gone");
        SessionGridSession session = repository.createSession();
        repository.save(session);
        SessionGridSession stale = repository.findById(session.getId());
        repository.deleteById(session.getId());  // logged out in another tab

        stale.setAttribute("late", "write");
        repository.save(stale);

        assertThat(repository.findById(session.getId())).isNull();
    }

    @Test
    void saveAlwaysStillRemovesWhatWasRemoved() {
        SessionGridSessionRepository repository = new SessionGridSessionRepository(grid, "always");
        repository.setSaveMode(SaveMode.ALWAYS);
        SessionGridSession session = repository.createSession();
        session.setAttribute("keep", "k");
        session.setAttribute("drop", "d");
        repository.save(session);
        SessionGridSession loaded = repository.findById(session.getId());

        loaded.removeAttribute("drop");
        repository.save(loaded);

        assertThat(repository.findById(session.getId()).getAttributeNames()).containsExactly("keep");
    }

    @Test
    void createsAndDeletesArePublished() {
        SessionGridSessionRepository repository = new SessionGridSessionRepository(grid, "events");
        List<ApplicationEvent> published = new ArrayList<>();
        repository.setApplicationEventPublisher(event -> published.add((ApplicationEvent) event));
        SessionGridSession session = repository.createSession();
        repository.save(session);
        repository.deleteById(session.getId());
        repository.deleteById(session.getId());  // absent: nothing to tell

        assertThat(published).hasSize(2);
        assertThat(published.get(0)).isInstanceOfSatisfying(SessionCreatedEvent.class,
                e -> assertThat(e.getSessionId()).isEqualTo(session.getId()));
        assertThat(published.get(1)).isInstanceOfSatisfying(SessionDeletedEvent.class,
                e -> assertThat(e.getSessionId()).isEqualTo(session.getId()));
    }

    @Test
    void jsonEncodingIsReadableInTheGrid() {
        SessionGridSessionRepository repository = new SessionGridSessionRepository(grid, "json");
        repository.setCodec(new JsonAttributeCodec(new ObjectMapper(), getClass().getClassLoader()));
        SessionGridSession session = repository.createSession();
        session.setAttribute("home", new Address("Oslo", 150));
        repository.save(session);

        assertThat(repository.findById(session.getId()).<Address>getAttribute("home")).isEqualTo(new Address("Oslo", 150));
        assertThat(grid.sessionsById("json").get(session.getId(), GetSessionOptions.recentEvents(0)).state().get("home")
                .toString()).isEqualTo("{\"@class\":\"" + Address.class.getName() + "\",\"value\":{\"city\":\"Oslo\",\"zip\":150}}");
    }
}
