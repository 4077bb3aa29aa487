package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium ({@code chromium} and {@code chromium-driver}, which {@code .ci/run}
 * installs) for the browser tests: downloads go to a folder of the test's own, screenshots to
 * {@code infra/local-run/target/}, and two checks every page must pass: nothing was refused by the
 * page's Content-Security-Policy, and axe-core (run in the page) finds no accessibility violation.
 * Outside CI, a test that starts one is skipped when Chromium is not installed.
 */
final class Chromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** axe-core's script, as bundled in Deque's Selenium binding. */
    private static final String AXE = "axe.min.js";

    final ChromeDriver driver;
    final WebDriverWait wait;
    final Path downloads;

    private Chromium(ChromeDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    /** A fresh browser with a profile and download folder of its own; skips the test if none is installed. */
    static Chromium start() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        assumeTrue(installed || System.getenv("CI") != null, "Chromium and chromedriver are not installed");
        Path downloads = Files.createDirectories(Path.of("target", "downloads-" + UUID.randomUUID()).toAbsolutePath());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + Path.of("target", "chromium-" + UUID.randomUUID()).toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        return new Chromium(new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options), downloads);
    }

    /**
     * Clicks the element once it is there. Found and clicked in one step of the wait, so that a list
     * redrawn between the two (a projection's update arriving) makes the wait find it again instead
     * of failing on the stale element.
     */
    void click(By element) {
        wait.until(driver -> {
            driver.findElement(element).click();
            return true;
        });
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Saves what the browser shows as {@code target/<name>}. */
    void screenshot(String name) throws IOException {
        Path screenshot = Path.of("target", name);
        Files.write(screenshot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(screenshot)).isPositive();
    }

    /** The page works under its Content-Security-Policy: nothing it did was refused by the browser. */
    void assertNoPolicyViolations() {
        assertThat(driver.manage().logs().get("browser").getAll()).map(LogEntry::getMessage)
                .noneMatch(message -> message.contains("Content Security Policy"));
    }

    /**
     * axe-core finds no violation of WCAG 2.1 A and AA (and axe's best practices) in the page as it
     * is now; each violation is named with its rule, help text and the elements it concerns.
     */
    @SuppressWarnings("unchecked")
    void assertAccessible(String what) {
        if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object'"))) {
            script(axeSource());
        }
        Object found = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
                  .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                      + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));""");
        assertThat((List<String>) found).as("accessibility violations on " + what).isEmpty();
    }

    private static String axeSource() {
        try (InputStream in = Chromium.class.getClassLoader().getResourceAsStream(AXE)) {
            if (in == null) {
                throw new IllegalStateException(AXE + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file the browser saved, once it is complete. */
    Path downloaded(String name) {
        Path file = downloads.resolve(name);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.isRegularFile(file)
                && !Files.exists(downloads.resolve(name + ".crdownload")) && Files.size(file) > 0);
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
