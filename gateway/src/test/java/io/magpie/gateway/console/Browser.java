package io.magpie.gateway.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven through the system's chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}; nothing is downloaded). Without them the browser tests are skipped, unless
 * {@code -Dmagpie.test.browser-required=true} (the project's test command sets it, after installing them).
 */
final class Browser {

    static final String REQUIRED = "magpie.test.browser-required";

    private Browser() {}

    static ChromeDriver start() {
        Optional<Path> driver = firstExisting(
                System.getProperty("magpie.test.chromedriver", ""),
                "/usr/bin/chromedriver",
                "/usr/lib/chromium/chromedriver");
        Optional<Path> chromium = firstExisting(
                System.getProperty("magpie.test.chromium", ""), "/usr/bin/chromium", "/usr/lib/chromium/chromium");
        if (driver.isEmpty() || chromium.isEmpty()) {
            String missing = "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)";
            if (Boolean.getBoolean(REQUIRED)) {
                throw new IllegalStateException(missing);
            }
            Assumptions.abort(missing + "; browser tests skipped");
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium.get().toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--disable-gpu",
                        "--window-size=1280,900",
                        "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        browser.manage().window().setSize(new Dimension(1280, 900));
        return browser;
    }

    private static Optional<Path> firstExisting(String... candidates) {
        for (String candidate : candidates) {
            if (!candidate.isBlank() && Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }
}
