package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.http.MediaType;

/**
 * The dashboard page in real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs): sign in with an administrator's
 * credentials, see the organization's trainees, then a statement ingested through the API changes
 * the visible learning time and chart without a reload. The screenshot is kept as
 * {@code infra/local-run/target/dashboard.png}. Outside CI, the test is skipped when Chromium is
 * not installed.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private LocalApi api;
    private ChromeDriver browser;

    @BeforeEach
    void start() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        assumeTrue(installed || System.getenv("CI") != null, "Chromium and chromedriver are not installed");
        api = new LocalApi(TestDatabases.create(), "target/dashboard-secrets");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + Path.of("target", "chromium-" + UUID.randomUUID()).toAbsolutePath());
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aStatementIngestedThroughTheApiChangesTheVisibleFiguresWithoutAReload() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String operator = api.operator();
        UUID organization = api.organization(operator, "Dashboard Org");
        String adminEmail = "dana-" + tag + "@dash.example";
        String admin = api.approvedAdmin(operator, organization, "Dana", adminEmail).token();
        api.command().post().uri("/api/organizations/{id}/member-imports", organization)
                .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("name,phone,email,department\r\nTess Trainee,,tess-" + tag + "@dash.example,Warehouse\r\n"
                        + "<b>Bold</b> Bea,,bea-" + tag + "@dash.example,Office\r\n")
                .exchange().expectStatus().isOk();
        LocalApi.XapiCredential credential = api.xapiCredential(admin, organization);
        // the page's stream shows a row once its member view is there too: wait for both before opening it
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api.query().get()
                .uri("/api/organizations/{o}/reports/learning", organization).headers(h -> h.setBearerAuth(admin))
                .exchange().expectBody().jsonPath("$.items.length()").isEqualTo(2));

        browser.get("http://localhost:" + api.services().querySidePort() + "/dashboard/index.html");
        browser.findElement(By.id("email")).sendKeys(adminEmail);
        browser.findElement(By.id("password")).sendKeys("long-enough-password");
        browser.findElement(By.id("sign-in")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.until(driver -> driver.findElements(By.cssSelector("#report tbody tr")).size() == 2);
        assertThat(learningHours("Tess Trainee")).isEqualTo("0.00");
        assertThat(browser.findElement(By.id("report")).getText()).contains("<b>Bold</b> Bea");
        Object loadedAt = ((JavascriptExecutor) browser).executeScript("return window.dashboardLoadedAt");

        api.ingest(credential, LocalApi.experienced("tess-" + tag + "@dash.example", "PT90M"));

        wait.until(driver -> "1.50".equals(learningHours("Tess Trainee")));
        wait.until(driver -> driver.findElement(By.id("hours")).getText().contains("Warehouse (1.5)"));
        wait.until(driver -> "1".equals(driver.findElement(By.id("active7")).getText()));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.dashboardLoadedAt"))
                .as("the page was not reloaded").isEqualTo(loadedAt);
        Path screenshot = Path.of("target", "dashboard.png");
        Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(screenshot)).isPositive();
    }

    /** Read in one script, since the page replaces its rows whenever the stream sends one. */
    private String learningHours(String name) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "const row = [...document.querySelectorAll('#report tbody tr')]"
                        + ".find(r => r.cells[0].textContent === arguments[0]);"
                        + "return row ? row.cells[3].textContent : null;", name);
    }
}
