package io.sessiongrid.node.support;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Path;

/** A headless Chromium driven through the installed chromedriver (never one Selenium would download). */
public final class Browser {

    static final String CHROMIUM_ENV = "SESSIONGRID_TEST_CHROMIUM";
    static final String DRIVER_ENV = "SESSIONGRID_TEST_CHROMEDRIVER";

    private Browser() {
    }

    static Path chromium() {
        return path(CHROMIUM_ENV, "/usr/bin/chromium");
    }

    static Path driver() {
        return path(DRIVER_ENV, "/usr/bin/chromedriver");
    }

    private static Path path(String env, String fallback) {
        String configured = System.getenv(env);
        return Path.of(configured == null || configured.isBlank() ? fallback : configured);
    }

    public static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions().setBinary(chromium().toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver().toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
