package io.sessiongrid.node.http.console;

import io.sessiongrid.node.support.Browser;
import io.sessiongrid.node.support.RequiresBrowser;
import io.sessiongrid.node.support.SecuredNode;
import io.sessiongrid.node.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser against a real node with access control on: what a token may read
 * shows, what it may not stays hidden, and a read-only token cannot delete.
 */
@RequiresBrowser
class ConsoleBrowserTest {

    private static TestNode node;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        node = SecuredNode.start(Map.of());
        created(SecuredNode.call(node, "POST", "/v1/apps/agent/users/alice/sessions", SecuredNode.OPS,
                "{\"sessionId\":\"s-1\",\"state\":{\"step\":1,\"user:lang\":\"en\",\"app:model\":\"v1\"}}").statusCode());
        assertThat(SecuredNode.call(node, "POST", "/v1/apps/agent/users/alice/sessions/s-1/events", SecuredNode.OPS,
                "{\"id\":\"e-hello\",\"author\":\"user\",\"timestamp\":1765000000.5,"
                        + "\"content\":{\"parts\":[{\"text\":\"<b>hello</b>\"}]},\"actions\":{\"stateDelta\":{\"step\":2}}}")
                .statusCode()).isEqualTo(200);
        created(SecuredNode.call(node, "POST", "/v1/apps/web/users/bob/sessions", SecuredNode.OPS,
                "{\"sessionId\":\"w-secret\",\"state\":{\"cart\":3}}").statusCode());
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private static void created(int status) {
        assertThat(status).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void fresh() {
        // No token left from the test before: cleared before the page's first view starts.
        browser.get(node.url() + "/console/nope");
        browser.executeScript("sessionStorage.clear()");
        browser.get(node.url() + "/console/");
    }

    private void useToken(String token) {
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("token-use")).click();
    }

    private WebElement shown(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    @Test
    void aSessionCreatedThroughTheApiShowsWithItsEventsAndItsThreeLayers() {
        useToken(SecuredNode.AGENT_RW);
        WebElement app = shown("#apps tr[data-app='agent']");
        assertThat(app.findElements(By.tagName("td")).get(1).getText()).isEqualTo("1");

        app.findElement(By.linkText("agent")).click();
        WebElement session = shown("#sessions tr[data-session='s-1']");
        assertThat(session.getText()).contains("alice");
        assertThat(shown("#policy-note").getText()).contains("admin scope"); // the policy is for admin tokens

        session.findElement(By.linkText("s-1")).click();
        WebElement event = shown("#events tr.event");
        assertThat(event.getText()).contains("e-hello").contains("<b>hello</b>"); // shown as text, not markup
        assertThat(browser.findElements(By.cssSelector("#events b"))).isEmpty();
        assertThat(browser.findElement(By.id("layer-session")).getText()).contains("\"step\": 2").doesNotContain("lang");
        assertThat(browser.findElement(By.id("layer-user")).getText()).contains("\"lang\": \"en\"");
        assertThat(browser.findElement(By.id("layer-app")).getText()).contains("\"model\": \"v1\"");
        assertThat(browser.findElement(By.id("session-facts")).getText()).contains("version 1");
    }

    @Test
    void aTokenSeesNothingOfAnAppOutsideItsOwn() {
        useToken(SecuredNode.AGENT_RW);
        shown("#apps tr[data-app='agent']");
        assertThat(browser.findElements(By.cssSelector("#apps tr[data-app='web']"))).isEmpty();

        browser.get(node.url() + "/console/#/apps/web");
        WebElement refused = shown(".problem[data-status='403']");
        assertThat(refused.getText()).contains("Forbidden");
        assertThat(browser.getPageSource()).doesNotContain("w-secret").doesNotContain("bob");
    }

    @Test
    void withoutATokenThePageAsksForOne() {
        WebElement refused = shown(".problem[data-status='401']");
        assertThat(refused.getText()).contains("Enter a token above");
    }

    @Test
    void aReadOnlyTokenCannotDelete() throws Exception {
        useToken(SecuredNode.WEB_RO);
        browser.get(node.url() + "/console/#/apps/web/users/bob/sessions/w-secret");
        shown("#delete-session").click();
        browser.switchTo().alert().accept();
        assertThat(shown(".problem[data-status='403']").getText()).contains("may not do that");
        assertThat(SecuredNode.call(node, "GET", "/v1/apps/web/users/bob/sessions/w-secret", SecuredNode.OPS, null)
                .statusCode()).isEqualTo(200);
    }

    @Test
    void anAdminTokenSeesTheAppsPolicy() {
        useToken(SecuredNode.OPS);
        browser.get(node.url() + "/console/#/apps/agent");
        assertThat(shown("#policy").getText()).contains("maxSessionBytes 16777216").contains("eviction LRU");
    }

    @Test
    void theClusterPageShowsTheMemberAndLiveFigures() throws Exception {
        useToken(SecuredNode.OPS);
        browser.get(node.url() + "/console/#/cluster");
        assertThat(shown("#cluster-facts").getText()).contains("members 1").contains("cluster safe true");
        // The page polls the node's meters every 2 s, and rates start from its first reading: create
        // until a reading shows creates (in an app of their own, so other tests' counts stay).
        int[] made = {0};
        List<WebElement> cells = wait.until(d -> {
            try {
                created(SecuredNode.call(node, "POST", "/v1/apps/figures/users/carol/sessions", SecuredNode.OPS,
                        "{\"sessionId\":\"c-" + made[0]++ + "\"}").statusCode());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            List<WebElement> row = d.findElements(By.cssSelector("#figures tr[data-op='create'] td"));
            return row.size() == 3 && Double.parseDouble(row.get(1).getText()) > 0 ? row : null;
        });
        assertThat(cells.get(2).getText()).endsWith(" ms");
    }
}
