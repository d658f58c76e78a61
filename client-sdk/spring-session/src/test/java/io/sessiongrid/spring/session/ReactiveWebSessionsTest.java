package io.sessiongrid.spring.session;

import io.sessiongrid.client.GetSessionOptions;
import io.sessiongrid.spring.session.support.Browser;
import io.sessiongrid.spring.session.support.NodeAndTwoApps;
import io.sessiongrid.spring.session.webflux.ReactiveWebApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.session.ReactiveFindByIndexNameSessionRepository;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One WebFlux app with reactive form login, started twice against one node (a separate process): the
 * two instances share their WebSessions through the grid, on the reactive repository.
 */
class ReactiveWebSessionsTest {

    private static final String APP = "reactive-web";

    private static NodeAndTwoApps apps;

    @BeforeAll
    static void start() {
        apps = NodeAndTwoApps.start("reactive-node", ReactiveWebSessionsTest::startApp);
    }

    private static ConfigurableApplicationContext startApp(String nodeUrl) {
        return new SpringApplicationBuilder(ReactiveWebApp.class).web(WebApplicationType.REACTIVE).properties(
                "server.port=0", "server.address=127.0.0.1", "spring.application.name=" + APP,
                "server.reactive.session.timeout=25m", "sessiongrid.endpoints=" + nodeUrl).run();
    }

    @AfterAll
    static void stop() {
        if (apps != null) {
            apps.close();
        }
    }

    @Test
    void theAppRunsOnTheReactiveRepository() {
        assertThat(apps.first.getBean(ReactiveFindByIndexNameSessionRepository.class))
                .isInstanceOf(ReactiveSessionGridSessionRepository.class);
        assertThat(apps.first.getBeanNamesForType(SessionGridSessionRepository.class)).isEmpty();
    }

    @Test
    void attributesSetOnOneInstanceAreReadOnTheOther() {
        Browser browser = new Browser();
        String id = browser.get(apps.a + "/session").body();

        browser.post(apps.a + "/attributes/colour?value=teal", "");

        assertThat(browser.cookie("SESSION")).isEqualTo(id);
        assertThat(browser.get(apps.b + "/attributes/colour").body()).isEqualTo("String teal");
        assertThat(apps.grid.sessionsById(APP).get(id, GetSessionOptions.recentEvents(0)).maxIdle())
                .isEqualTo(Duration.ofMinutes(25));
    }

    @Test
    void aLoginOnOneInstanceHoldsOnTheOtherIsIndexedAndALogoutEndsIt() {
        Browser browser = new Browser();
        String anonymous = browser.get(apps.a + "/session").body();

        HttpResponse<String> login = browser.login(apps.a, "dora");

        assertThat(login.statusCode()).isEqualTo(302);
        String afterLogin = browser.cookie("SESSION");
        assertThat(afterLogin).isNotEqualTo(anonymous);  // the id changed at login (session fixation)
        assertThat(apps.grid.sessionsById(APP).find(anonymous, GetSessionOptions.recentEvents(0))).isEmpty();
        assertThat(apps.grid.sessionsById(APP).get(afterLogin, GetSessionOptions.recentEvents(0)).userId()).isEqualTo("dora");
        assertThat(browser.get(apps.b + "/me").body()).isEqualTo("dora");
        @SuppressWarnings("unchecked")
        ReactiveFindByIndexNameSessionRepository<SessionGridSession> repository =
                apps.second.getBean(ReactiveFindByIndexNameSessionRepository.class);
        assertThat(repository.findByPrincipalName("dora").block()).containsOnlyKeys(afterLogin);

        assertThat(browser.post(apps.b + "/logout", "").statusCode()).isEqualTo(302);

        assertThat(browser.get(apps.a + "/me").statusCode()).isEqualTo(302);
        assertThat(apps.grid.sessionsById(APP).find(afterLogin, GetSessionOptions.recentEvents(0))).isEmpty();
        assertThat(repository.findByPrincipalName("dora").block()).isEmpty();
    }
}
