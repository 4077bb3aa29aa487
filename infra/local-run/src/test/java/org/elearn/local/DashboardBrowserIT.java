package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard page in real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs). An administrator signs in and sees one
 * page of their organization's trainees at a time, filters them by department and status, downloads
 * both exports with those filters, and sees the chart labels side by side without overlapping;
 * then a statement ingested through the API changes the visible learning time and chart without a
 * reload. A trainee who signs in sees their own learning, an instructor what the page is for. The
 * screenshots are kept as {@code infra/local-run/target/dashboard*.png}. Outside CI, the test is
 * skipped when Chromium is not installed.
 */
@ExtendWith(SharedServices.class)
class DashboardBrowserIT {

    private static final int PAGE_SIZE = 50;
    /** Long enough that one label per bar would overlap its neighbours. */
    private static final List<String> DEPARTMENTS = List.of("Warehouse", "Office", "Customer Support",
            "Research and Development", "Human Resources", "Quality Assurance", "Finance and Accounting",
            "Logistics Planning");

    /**
     * The shared services: each test works in an organization of its own. Without a browser every
     * test is skipped (and counted).
     */
    private static LocalApi api;
    private Chromium chromium;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void start(LocalApi shared) throws Exception {
        chromium = Chromium.start();
        api = shared;
        browser = chromium.driver;
        wait = chromium.wait;
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void anAdministratorPagesFiltersExportsAndSeesChangesWithoutAReload() throws Exception {
        // more trainees than a page: Tess, Bea, and 58 more spread over the departments
        List<LocalApi.Trainee> trainees = new java.util.ArrayList<>(List.of(
                new LocalApi.Trainee("Tess Trainee", "tess", "Warehouse"),
                new LocalApi.Trainee("<b>Bold</b> Bea", "bea", "Office")));
        for (int i = 1; i <= 58; i++) {
            trainees.add(new LocalApi.Trainee("Trainee %02d".formatted(i), "t%02d".formatted(i),
                    DEPARTMENTS.get(i % DEPARTMENTS.size())));
        }
        LocalApi.TrainingOrganization dashboard = api.organizationWithTrainees(api.operator(), "Dashboard Org", "Dana",
                "dash.example", trainees);
        UUID organization = dashboard.id();
        String admin = dashboard.admin();
        UUID deactivated = api.memberId(admin, organization, "Trainee 01");
        api.command().post().uri("/api/organizations/{o}/members/{m}/deactivation", organization, deactivated)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNoContent();
        // the page's stream shows a row once its member view is there too: wait for both before opening it
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api.query().get()
                .uri("/api/organizations/{o}/reports/learning?size=500", organization).headers(h -> h.setBearerAuth(admin))
                .exchange().expectBody().jsonPath("$.items.length()").isEqualTo(60));

        signIn(dashboard.adminEmail());
        // one page in the DOM, however many trainees the page holds
        wait.until(driver -> "1–50 of 60".equals(text("page-info")));
        assertThat(tableRows()).isEqualTo(PAGE_SIZE);
        assertThat(text("trainees")).isEqualTo("60");
        assertThat(learningHours("Tess Trainee")).isEqualTo("0.00");
        assertThat(browser.findElement(By.id("report")).getText()).contains("<b>Bold</b> Bea");
        browser.findElement(By.id("next-page")).click();
        wait.until(driver -> "51–60 of 60".equals(text("page-info")));
        assertThat(tableRows()).isEqualTo(10);
        assertThat(browser.findElement(By.id("next-page")).isEnabled()).isFalse();
        browser.findElement(By.id("previous-page")).click();
        wait.until(driver -> "1–50 of 60".equals(text("page-info")));
        Object loadedAt = script("return window.dashboardLoadedAt");

        // the filters change the rows shown
        Select department = new Select(browser.findElement(By.id("department-filter")));
        department.selectByValue("Office"); // Bea and every eighth trainee, Trainee 01 among them
        wait.until(driver -> column(2).size() == 9);
        assertThat(column(2)).containsOnly("Office");
        assertThat(column(0)).contains("<b>Bold</b> Bea", "Trainee 01").doesNotContain("Tess Trainee");
        Select status = new Select(browser.findElement(By.id("status-filter")));
        status.selectByValue("DEACTIVATED");
        wait.until(driver -> column(0).equals(List.of("Trainee 01")));
        assertThat(column(10)).containsExactly("Deactivated");
        department.selectByValue("Warehouse");
        wait.until(driver -> column(0).isEmpty());
        assertThat(text("page-info")).isEqualTo("No trainees");
        status.selectByValue("ACTIVE");
        department.selectByValue("Office");
        wait.until(driver -> column(0).size() == 8);
        assertThat(column(0)).doesNotContain("Trainee 01");

        // the export buttons download the report with the filters shown: Office, active
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        browser.findElement(By.id("export-csv")).click();
        Path csv = downloaded("learning-report-dashboard-org-" + day + ".csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(9);
        assertThat(lines.get(0)).startsWith("name,email,department,status,learningSeconds,");
        assertThat(lines.subList(1, 9)).allSatisfy(line -> assertThat(line).contains(",Office,ACTIVE,"));
        browser.findElement(By.id("export-xlsx")).click();
        Path xlsx = downloaded("learning-report-dashboard-org-" + day + ".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(Files.readAllBytes(xlsx)))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Name");
            assertThat(sheet.getLastRowNum()).isEqualTo(8);
        }
        department.selectByValue("");
        status.selectByValue("");
        wait.until(driver -> "1–50 of 60".equals(text("page-info")));

        api.ingest(dashboard.credential(), LocalApi.experienced(dashboard.email("tess"), "PT90M"));

        wait.until(driver -> "1.50".equals(learningHours("Tess Trainee")));
        wait.until(driver -> ((String) script("return document.getElementById('hours').textContent"))
                .contains("Warehouse: 1.5 h"));
        assertThat(text("active7")).isEqualTo("1");
        assertThat(script("return window.dashboardLoadedAt")).as("the page was not reloaded").isEqualTo(loadedAt);

        // the eight department labels, each within the chart and none over another
        assertThat(visibleLabels("hours")).isGreaterThanOrEqualTo(4);
        assertThat(overlappingLabels("hours")).isEmpty();
        assertThat(overlappingLabels("completions")).isEmpty();
        screenshot("dashboard.png");
        assertNoPolicyViolations();
    }

    @Test
    void aTraineeSeesTheirOwnLearningAndAnInstructorWhatThePageIsFor() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String operator = api.operator();
        UUID organization = api.organization(operator, "Dashboard Org");
        String admin = api.approvedAdmin(operator, organization, "Dana", "dana-" + tag + "@dash.example").token();
        String traineeEmail = "tia-" + tag + "@dash.example";
        api.joined(operator, admin, organization, traineeEmail, "TRAINEE");
        String instructorEmail = "ian-" + tag + "@dash.example";
        api.joined(operator, admin, organization, instructorEmail, "INSTRUCTOR");
        api.ingest(api.xapiCredential(admin, organization), LocalApi.experienced(traineeEmail, "PT90M"));

        signIn(traineeEmail);
        wait.until(driver -> "1:30".equals(text("mine-learning")));
        assertThat(browser.findElement(By.id("mine")).isDisplayed()).isTrue();
        assertThat(text("mine-name")).isEqualTo(", TRAINEE Person");
        assertThat(browser.findElement(By.id("board")).isDisplayed()).isFalse();
        assertThat(text("status")).isEqualTo("Live");
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("refused").doesNotContain("403");
        screenshot("dashboard-trainee.png");

        signIn(instructorEmail);
        wait.until(driver -> driver.findElement(By.id("not-for-you")).isDisplayed());
        assertThat(text("not-for-you")).contains("administrators").contains("trainees their own learning");
        assertThat(browser.findElement(By.id("board")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("refused").doesNotContain("403");
        assertNoPolicyViolations();
    }

    private void assertNoPolicyViolations() {
        chromium.assertNoPolicyViolations();
    }

    private void signIn(String email) {
        api.query().get().uri("/dashboard/index.html").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Content-Security-Policy", "default-src 'self'; script-src 'self'; "
                        + "style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
                        + "base-uri 'none'; form-action 'self'");
        browser.get("http://localhost:" + api.services().querySidePort() + "/dashboard/index.html");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("long-enough-password");
        browser.findElement(By.id("sign-in")).click();
    }

    private Object script(String script, Object... arguments) {
        return chromium.script(script, arguments);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private long tableRows() {
        return (Long) script("return document.querySelectorAll('#report tbody tr').length");
    }

    /** One column of the rows in the DOM, read in one script since the page replaces its rows. */
    @SuppressWarnings("unchecked")
    private List<String> column(int index) {
        return (List<String>) script("return [...document.querySelectorAll('#report tbody tr')]"
                + ".map(r => r.cells[arguments[0]].textContent);", index);
    }

    private String learningHours(String name) {
        return (String) script("const row = [...document.querySelectorAll('#report tbody tr')]"
                + ".find(r => r.cells[0].textContent === arguments[0]);"
                + "return row ? row.cells[3].textContent : null;", name);
    }

    private long visibleLabels(String chart) {
        return (Long) script("return [...document.querySelectorAll('#' + arguments[0] + ' text')]"
                + ".filter(t => getComputedStyle(t).display !== 'none' && t.textContent).length;", chart);
    }

    /** The chart's visible texts that overlap another or leave the chart, as "a / b" pairs. */
    @SuppressWarnings("unchecked")
    private List<String> overlappingLabels(String chart) {
        return (List<String>) script("""
                const svg = document.getElementById(arguments[0]).getBoundingClientRect();
                const texts = [...document.querySelectorAll('#' + arguments[0] + ' text')]
                    .filter(t => getComputedStyle(t).display !== 'none' && t.textContent)
                    .map(t => [t.textContent, t.getBoundingClientRect()]);
                const bad = [];
                texts.forEach(([a, r], i) => {
                  if (r.left < svg.left - 0.5 || r.right > svg.right + 0.5) bad.push(a + ' / the chart');
                  texts.slice(i + 1).forEach(([b, s]) => {
                    if (r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom) bad.push(a + ' / ' + b);
                  });
                });
                return bad;""", chart);
    }

    private Path downloaded(String name) {
        return chromium.downloaded(name);
    }

    private void screenshot(String name) throws Exception {
        chromium.screenshot(name);
    }
}
