package example;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Starts the shop twice, as a load balancer would see it, and plays one browser against both: it takes a
 * CSRF token from the second instance and logs in with it on the first, fills the cart on both, reads it
 * on the second, logs out there, and is logged out on the first.
 * Exits non-zero when an instance does not see what the other did.
 */
public final class Tour {

    public static void main(String[] args) throws Exception {
        try (ConfigurableApplicationContext first = start(); ConfigurableApplicationContext second = start()) {
            String a = "http://127.0.0.1:" + first.getEnvironment().getProperty("local.server.port");
            String b = "http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port");
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();

            String anonymousToken = send(browser, get(b + "/csrf")).body();
            HttpResponse<String> login = send(browser, post(a + "/login",
                    "username=alice&password=wonderland&_csrf=" + anonymousToken, null));
            expect(login.statusCode() == 302 && !login.headers().firstValue("Location").orElse("").contains("error"),
                    "login on the first instance with the second's CSRF token", login);
            String token = send(browser, get(a + "/csrf")).body();  // a new one after login
            send(browser, post(b + "/cart?item=teapot", "", token));
            send(browser, post(a + "/cart?item=tea", "", token));
            HttpResponse<String> cart = send(browser, get(b + "/cart"));
            expect(cart.body().equals("alice's cart: [teapot, tea]"), "the cart on the second instance", cart);
            System.out.println("second instance: " + cart.body());

            send(browser, post(b + "/logout", "", token));
            HttpResponse<String> after = send(browser, get(a + "/cart"));
            expect(after.statusCode() == 302, "logged out on the first instance after a logout on the second", after);
            System.out.println("first instance after logout: redirected to " + after.headers().firstValue("Location").orElse(""));
        }
    }

    private static ConfigurableApplicationContext start() {
        // Command-line arguments: they win over application.yml's port.
        return new SpringApplicationBuilder(ShopApplication.class).run("--server.port=0", "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off", "--logging.level.root=warn");
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).build();
    }

    private static HttpRequest post(String url, String form, String csrfToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (csrfToken != null) {
            request.header("X-CSRF-TOKEN", csrfToken);
        }
        return request.build();
    }

    private static HttpResponse<String> send(HttpClient browser, HttpRequest request) throws Exception {
        return browser.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(boolean holds, String what, HttpResponse<String> response) {
        if (!holds) {
            System.err.println("FAILED: " + what + ": " + response.statusCode() + " " + response.headers().map() + " " + response.body());
            System.exit(1);
        }
    }
}
