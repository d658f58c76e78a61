package io.sessiongrid.spring.session;

import io.sessiongrid.client.GetSessionOptions;
import io.sessiongrid.spring.session.support.Browser;
import io.sessiongrid.spring.session.support.NodeAndTwoApps;
import io.sessiongrid.spring.session.webapp.WebApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.session.FindByIndexNameSessionRepository;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One Spring Boot web app with Spring Security form login, started twice on two ports against one
 * node (a separate process), driven over real HTTP by "browsers" with cookie jars: the two instances
 * share their HTTP sessions through the grid.
 */
class WebSessionsTest {

    private static final String APP = "web";

    private static NodeAndTwoApps apps;

    @BeforeAll
    static void start() {
        apps = NodeAndTwoApps.start("spring-node", WebSessionsTest::startApp);
    }

    private static ConfigurableApplicationContext startApp(String nodeUrl) {
        return new SpringApplicationBuilder(WebApp.class).properties(
                "server.port=0", "server.address=127.0.0.1",
                "spring.application.name=" + APP,
                // Boot's own servlet session settings, which the grid's sessions follow.
                "server.servlet.session.timeout=20m", "server.servlet.session.cookie.same-site=strict",
                "sessiongrid.endpoints=" + nodeUrl).run();
    }

    @AfterAll
    static void stop() {
        if (apps != null) {
            apps.close();
        }
    }

    @Test
    void aLoginOnOneInstanceHoldsOnTheOtherAndALogoutEndsItOnBoth() {
        Browser browser = new Browser();
        String anonymous = browser.get(apps.a + "/session").body();

        HttpResponse<String> login = browser.login(apps.a, "alice");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValue(apps.a + "/me");

        String afterLogin = browser.sessionId();
        assertThat(afterLogin).isNotEqualTo(anonymous);  // the id changed at login (session fixation)
        assertThat(apps.grid.sessionsById(APP).find(anonymous, GetSessionOptions.recentEvents(0))).isEmpty();
        assertThat(apps.grid.sessionsById(APP).get(afterLogin, GetSessionOptions.recentEvents(0)).userId()).isEqualTo("alice");
        assertThat(browser.get(apps.b + "/me").body()).isEqualTo("alice");

        HttpResponse<String> logout = browser.post(apps.b + "/logout", "");
        assertThat(logout.statusCode()).isEqualTo(302);

        HttpResponse<String> afterLogout = browser.get(apps.a + "/me");
        assertThat(afterLogout.statusCode()).isEqualTo(302);
        assertThat(afterLogout.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(apps.grid.sessionsById(APP).find(afterLogin, GetSessionOptions.recentEvents(0))).isEmpty();
    }

    @Test
    void twoConcurrentRequestsSettingDifferentAttributesBothKeepTheirs() {
        Browser browser = new Browser();
        browser.get(apps.a + "/session");

        CompletableFuture<HttpResponse<String>> left = browser.postAsync(apps.a + "/attributes/left?type=string&value=L");
        CompletableFuture<HttpResponse<String>> right = browser.postAsync(apps.b + "/attributes/right?type=string&value=R");
        CompletableFuture.allOf(left, right).join();

        assertThat(browser.get(apps.a + "/attributes/left").body()).isEqualTo("String L");
        assertThat(browser.get(apps.b + "/attributes/right").body()).isEqualTo("String R");
    }

    @Test
    void attributesOfEveryKindTravelBetweenInstances() {
        Browser browser = new Browser();
        browser.login(apps.a, "bob");
        browser.post(apps.a + "/attributes/s?type=string&value=text", "");
        browser.post(apps.a + "/attributes/n?type=long&value=9000000000", "");
        browser.post(apps.a + "/attributes/cart?type=cart&value=book", "");
        browser.post(apps.a + "/attributes/tags?type=list&value=x,y,z", "");
        browser.post(apps.a + "/attributes/user:odd?type=string&value=escaped", "");

        assertThat(browser.get(apps.b + "/attributes/s").body()).isEqualTo("String text");
        assertThat(browser.get(apps.b + "/attributes/n").body()).isEqualTo("Long 9000000000");
        assertThat(browser.get(apps.b + "/attributes/cart").body()).isEqualTo("Cart Cart[item=book, count=4]");
        assertThat(browser.get(apps.b + "/attributes/tags").body()).endsWith("[x, y, z]");
        assertThat(browser.get(apps.b + "/attributes/user:odd").body()).isEqualTo("String escaped");
        assertThat(browser.get(apps.b + "/me").body()).isEqualTo("bob");  // the SecurityContext, Java-serialized
        // The attribute named like a layer key stays the session's own: bob's user state is untouched.
        assertThat(apps.grid.getUserState(APP, "bob")).isEmpty();
    }

    @Test
    void theCookieAndTheIdleTimeoutFollowBootsServletSessionSettings() {
        Browser browser = new Browser();
        HttpResponse<String> created = browser.get(apps.a + "/session");

        assertThat(created.headers().allValues("Set-Cookie")).singleElement().asString()
                .startsWith("SESSION=").contains("; Path=/", "; HttpOnly", "; SameSite=Strict");
        assertThat(apps.grid.sessionsById(APP).get(created.body(), GetSessionOptions.recentEvents(0)).maxIdle())
                .isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void anIdleSessionExpires() {
        Browser browser = new Browser();
        browser.post(apps.a + "/attributes/k?type=string&value=v", "");
        String id = browser.post(apps.a + "/timeout?seconds=2", "").body();
        String owner = apps.grid.sessionsById(APP).get(id, GetSessionOptions.recentEvents(0)).userId();

        // Watched through counts: a read of the session would count as use.
        await().atMost(Duration.ofSeconds(15)).until(() -> apps.grid.countUserSessions(APP, owner) == 0);
        assertThat(browser.get(apps.b + "/attributes/k").body()).isEqualTo("none");
    }

    @Test
    void aUsersSessionsAreFoundByPrincipalAndLoggedOutTogether() {
        Browser laptop = new Browser();
        Browser phone = new Browser();
        laptop.login(apps.a, "alice");
        phone.login(apps.b, "alice");
        @SuppressWarnings("unchecked")
        FindByIndexNameSessionRepository<SessionGridSession> repository = apps.first.getBean(FindByIndexNameSessionRepository.class);

        assertThat(repository.findByPrincipalName("alice").keySet())
                .containsExactlyInAnyOrder(laptop.sessionId(), phone.sessionId());

        repository.findByPrincipalName("alice").keySet().forEach(repository::deleteById);

        assertThat(laptop.get(apps.a + "/me").statusCode()).isEqualTo(302);
        assertThat(phone.get(apps.b + "/me").statusCode()).isEqualTo(302);
        assertThat(repository.findByPrincipalName("alice")).isEmpty();
    }

    @Test
    void aLogoutThatKeepsTheSessionTakesItOutOfTheUsersSessions() {
        Browser browser = new Browser();
        browser.login(apps.a, "carol");
        String id = browser.sessionId();
        browser.post(apps.a + "/attributes/kept?type=string&value=yes", "");
        assertThat(repository().findByPrincipalName("carol")).containsOnlyKeys(id);

        assertThat(browser.post(apps.b + "/signout-keep", "").body()).isEqualTo("signed out");

        assertThat(browser.sessionId()).isEqualTo(id);
        assertThat(browser.get(apps.a + "/attributes/kept").body()).isEqualTo("String yes");
        assertThat(browser.get(apps.a + "/me").statusCode()).isEqualTo(302);
        assertThat(repository().findByPrincipalName("carol")).isEmpty();
        assertThat(apps.grid.countUserSessions(APP, "carol")).isZero();
        assertThat(apps.grid.sessionsById(APP).get(id, GetSessionOptions.recentEvents(0)).userId()).startsWith("~");
        // Carol's "log out everywhere" no longer reaches the session that is not hers any more.
        assertThat(apps.grid.deleteUserSessions(APP, "carol")).isZero();
        assertThat(browser.get(apps.b + "/attributes/kept").body()).isEqualTo("String yes");
    }

    @Test
    void maximumSessionsEndsTheOlderLoginOfAUserLimitedToOne() {
        Browser older = new Browser();
        older.login(apps.a, WebApp.SINGLE_SESSION_USER);
        assertThat(older.get(apps.b + "/me").body()).isEqualTo(WebApp.SINGLE_SESSION_USER);

        Browser newer = new Browser();
        newer.login(apps.b, WebApp.SINGLE_SESSION_USER);

        assertThat(newer.get(apps.a + "/me").body()).isEqualTo(WebApp.SINGLE_SESSION_USER);
        assertThat(older.get(apps.a + "/me").body()).startsWith("This session has been expired");
        assertThat(older.get(apps.b + "/me").statusCode()).isEqualTo(302);
        assertThat(repository().findByPrincipalName(WebApp.SINGLE_SESSION_USER)).containsOnlyKeys(newer.sessionId());
    }

    @Test
    void principalNamesTheGridCannotTakeAsUserIdsLogInAndAreFound() {
        for (String name : List.of(WebApp.TILDE_USER, WebApp.LONG_USER)) {
            Browser browser = new Browser();

            HttpResponse<String> login = browser.login(apps.a, name);

            assertThat(login.statusCode()).as("login of %.20s", name).isEqualTo(302);
            assertThat(login.headers().firstValue("Location")).hasValue(apps.a + "/me");
            assertThat(browser.get(apps.b + "/me").body()).isEqualTo(name);
            assertThat(repository().findByPrincipalName(name)).containsOnlyKeys(browser.sessionId());
            assertThat(apps.grid.sessionsById(APP).get(browser.sessionId(), GetSessionOptions.recentEvents(0)).userId())
                    .isEqualTo(PrincipalOwners.ownerOf(name)).startsWith("#").hasSize(44);
        }
    }

    @SuppressWarnings("unchecked")
    private static FindByIndexNameSessionRepository<SessionGridSession> repository() {
        return apps.first.getBean(FindByIndexNameSessionRepository.class);
    }
}
