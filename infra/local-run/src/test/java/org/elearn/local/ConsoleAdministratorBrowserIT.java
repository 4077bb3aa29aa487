package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The administrator's main path through the console in headless Chromium: the home; members paged
 * by the server, filtered, edited and deactivated; a CSV import with its counts and error file; an
 * invitation sent, resent and revoked, and the organization's invitations listed with their status
 * and filtered; departments picked from the organization's; the learning report with the privacy statement's columns,
 * filtered and exported as CSV and XLSX; the live dashboard's figures and link; an ingestion
 * credential issued (secret shown once) and revoked; the retention policy and its dry run; the
 * rights requests. Names with markup and formula-like text show as typed. axe-core and the
 * Content-Security-Policy are checked on every page; screenshots: {@code target/console-admin-*.png}.
 */
class ConsoleAdministratorBrowserIT extends ConsoleRoleBrowserTest {

    @Test
    void anAdministratorRunsTheirOrganizationFromTheConsole() throws Exception {
        List<LocalApi.Trainee> trainees = new ArrayList<>(List.of(new LocalApi.Trainee("<b>Bold</b> Bea", "bea", "Office"),
                new LocalApi.Trainee("=1+2", "formula", "Office")));
        for (int i = 1; i <= 58; i++) {
            trainees.add(new LocalApi.Trainee("Trainee %02d".formatted(i), "t%02d".formatted(i), i % 2 == 0 ? "Sales" : "Ops"));
        }
        LocalApi.TrainingOrganization org = api.organizationWithTrainees(api.operator(), "Console Admin Org", "Ada",
                "admin.example", trainees);
        api.ingest(org.credential(), LocalApi.experienced(org.email("bea"), "PT90M"));
        api.memberId(org.admin(), org.id(), "Trainee 58"); // the member list shows the import

        open("");
        signIn(org.adminEmail());
        landsOn("#/admin", "Administrator");
        assertThat(body()).contains("Members", "Import members", "Invitations", "Learning report", "Live dashboard",
                "Ingestion credentials", "Retention policy", "Rights requests");
        checked("console-admin-home.png", "the administrator's home");

        // members: one server page of 50 in the DOM, then the next; a filter; markup shown as text
        go("Members", "Members");
        waitFor("1–50 of 60");
        assertThat(rows("#main table.data")).isEqualTo(50);
        assertThat(body()).contains("<b>Bold</b> Bea", "=1+2");
        chromium.driver.findElement(By.xpath("//button[normalize-space()='Next page']")).click();
        waitFor("51–60 of 60");
        WebElement filters = chromium.driver.findElement(By.id("member-filters"));
        // the department is picked from the organization's departments
        Select memberDepartment = new Select(filters.findElement(By.name("department")));
        chromium.wait.until(driver -> memberDepartment.getOptions().size() == 4); // All, Office, Ops, Sales
        assertThat(memberDepartment.getOptions()).extracting(WebElement::getText)
                .containsExactly("All", "Office", "Ops", "Sales");
        memberDepartment.selectByValue("Office");
        filters.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor("1–2 of 2");
        assertThat(chromium.driver.getCurrentUrl()).contains("department=Office");
        // a name searched for stays out of the address (no personal data in URLs)
        filters.findElement(By.name("q")).sendKeys("Bea");
        filters.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor("1–1 of 1");
        assertThat(chromium.driver.getCurrentUrl()).contains("department=Office").doesNotContain("Bea");
        filters.findElement(By.name("q")).clear();
        filters.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor("1–2 of 2");
        checked("console-admin-members.png", "the member list");
        // edit Bea's department, then deactivate her
        chromium.click(By.cssSelector("button[aria-label='Edit <b>Bold</b> Bea']"));
        WebElement edit = chromium.wait.until(driver -> driver.findElement(By.id("member-edit")));
        WebElement department = edit.findElement(By.name("department"));
        // the organization's departments are offered, and a new one can be typed
        chromium.wait.until(driver -> edit.findElements(By.cssSelector("datalist option")).size() == 3);
        department.clear();
        department.sendKeys("Warehouse");
        chromium.assertAccessible("the member editor");
        edit.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor("Saved the changes to <b>Bold</b> Bea.");
        waitFor("1–1 of 1"); // only =1+2 is left in Office
        chromium.click(By.cssSelector("button[aria-label='Deactivate =1+2']"));
        waitFor("=1+2 is deactivated");
        chromium.wait.until(driver -> driver.findElements(By.cssSelector("button[aria-label='Reactivate =1+2']")).size() == 1);

        // a CSV import: progress, counts, and the refused rows as a file
        go("Import members", "Import members");
        Path csv = chromium.downloads.resolve("members.csv");
        Files.writeString(csv, "name,phone,email,department\r\nNew Nora,," + org.email("nora") + ",Ops\r\n"
                + "No Email,,not-an-email,Ops\r\n", StandardCharsets.UTF_8);
        chromium.driver.findElement(By.cssSelector("#member-import input[type=file]")).sendKeys(csv.toString());
        chromium.driver.findElement(By.cssSelector("#member-import button[type=submit]")).click();
        waitFor("Import finished");
        assertThat(figure("created")).isEqualTo("1");
        assertThat(figure("failed")).isEqualTo("1");
        checked("console-admin-import.png", "the import's result");
        chromium.driver.findElement(By.id("import-errors")).click();
        // by its name: while it downloads, Chrome also writes temporary files under other names
        Path errors = chromium.downloaded("import-errors.csv");
        assertThat(Files.readAllLines(errors)).hasSize(2).first().isEqualTo("row,reason");

        // invitations: send two, resend and revoke one; the list is the organization's, with each status
        go("Invitations", "Invitations");
        WebElement first = chromium.driver.findElement(By.id("invite"));
        first.findElement(By.name("email")).sendKeys(org.email("jay"));
        first.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor("Invitation sent to " + org.email("jay"));
        // the form is free again once the first invitation is acknowledged: typing into it earlier is lost
        WebElement invite = chromium.wait.until(driver -> {
            WebElement form = driver.findElement(By.id("invite"));
            return form.getAttribute("aria-busy") == null ? form : null;
        });
        invite.findElement(By.name("email")).sendKeys(org.email("ivy"));
        new Select(invite.findElement(By.name("role"))).selectByValue("INSTRUCTOR");
        invite.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor("Invitation sent to " + org.email("ivy"));
        chromium.click(By.cssSelector("button[aria-label='Resend the invitation to " + org.email("ivy") + "']"));
        waitFor("A new code was sent");
        String operator = api.operator();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.mailbox(operator, org.email("ivy")).size() == 2);
        chromium.click(By.cssSelector("button[aria-label='Revoke the invitation to " + org.email("ivy") + "']"));
        waitFor("is revoked");
        chromium.wait.until(driver -> invitationRow(org.email("ivy")).contains("Revoked"));
        assertThat(invitationRow(org.email("ivy"))).contains("Instructor");
        assertThat(invitationRow(org.email("jay"))).contains("Trainee", "Sent");
        assertThat(chromium.driver.findElements(By.cssSelector("button[aria-label='Revoke the invitation to "
                + org.email("ivy") + "']"))).isEmpty();
        checked("console-admin-invitations.png", "the invitations");
        WebElement invitationFilters = chromium.driver.findElement(By.id("invitation-filters"));
        new Select(invitationFilters.findElement(By.name("status"))).selectByValue("REVOKED");
        invitationFilters.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor("1–1 of 1");
        assertThat(chromium.driver.getCurrentUrl()).contains("status=REVOKED").doesNotContain("ivy");
        assertThat(invitationRow(org.email("ivy"))).contains("Revoked");

        // the learning report: the statement's columns, a filter, both exports with it
        go("Learning report", "Learning report");
        waitFor("1–50 of");
        assertThat(chromium.driver.findElement(By.cssSelector("#main table.data thead")).getText())
                .contains("Name", "Account", "Department", "Learning length (h:mm)", "Courses studied", "Course completion",
                        "Completion rate", "Exams taken", "Exam pass rate");
        WebElement reportFilters = chromium.driver.findElement(By.id("report-filters"));
        Select reportDepartment = new Select(reportFilters.findElement(By.name("department")));
        chromium.wait.until(driver -> reportDepartment.getOptions().size() > 1);
        assertThat(reportDepartment.getOptions()).extracting(WebElement::getText).contains("Warehouse", "Office");
        reportDepartment.selectByValue("Warehouse");
        reportFilters.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor("1–1 of 1");
        assertThat(chromium.driver.findElement(By.cssSelector("#main table.data tbody")).getText())
                .contains("<b>Bold</b> Bea", "1:30");
        checked("console-admin-report.png", "the learning report");
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        chromium.driver.findElement(By.id("export-csv")).click();
        List<String> lines = Files.readAllLines(chromium.downloaded("learning-report-console-admin-org-" + day + ".csv"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("<b>Bold</b> Bea", ",Warehouse,");
        reportDepartment.selectByValue("Office");
        reportFilters.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor("1–1 of 1");
        chromium.driver.findElement(By.id("export-xlsx")).click();
        Path xlsx = chromium.downloaded("learning-report-console-admin-org-" + day + ".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(Files.readAllBytes(xlsx)))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(1);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("=1+2"); // text, never a formula
        }

        // the live dashboard: figures now, and the link for one department
        go("Live dashboard", "Live dashboard");
        chromium.wait.until(driver -> driver.findElements(By.cssSelector("#hours-by-department tbody tr")).size() >= 1);
        Select departments = new Select(chromium.driver.findElement(By.cssSelector("#main select")));
        departments.selectByIndex(1);
        assertThat(chromium.driver.findElement(By.id("open-dashboard")).getAttribute("href")).endsWith(
                "/dashboard/index.html?department=" + departments.getFirstSelectedOption().getAttribute("value"));
        checked("console-admin-dashboard.png", "the dashboard page");

        // an ingestion credential: the secret once, then revoked
        go("Ingestion credentials", "Ingestion credentials");
        WebElement issue = chromium.driver.findElement(By.id("issue-credential"));
        issue.findElement(By.name("label")).sendKeys("Tablets");
        issue.findElement(By.cssSelector("button[type=submit]")).click();
        String secret = chromium.wait.until(driver -> driver.findElement(By.id("issued-secret"))).getText();
        assertThat(secret).isNotBlank();
        checked("console-admin-credentials.png", "the issued credential");
        chromium.driver.findElement(By.xpath("//button[normalize-space()='I have copied it']")).click();
        assertThat(body()).doesNotContain(secret);
        chromium.click(By.cssSelector("button[aria-label='Revoke Tablets']"));
        waitFor("“Tablets” is revoked");

        // the retention policy and its dry run
        go("Retention policy", "Retention policy");
        waitFor("No retention policy yet");
        WebElement policy = chromium.driver.findElement(By.id("retention-policy"));
        policy.findElement(By.name("afterDeactivationDays")).sendKeys("30");
        policy.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor("Policy version 1");
        chromium.driver.findElement(By.id("dry-run-button")).click();
        waitFor("members would be erased now");
        checked("console-admin-retention.png", "the retention policy");
        policy.findElement(By.name("afterDeactivationDays")).clear();
        policy.findElement(By.name("afterDeactivationDays")).sendKeys("0");
        policy.findElement(By.cssSelector("button[type=submit]")).click();
        chromium.wait.until(driver -> !driver.findElements(By.cssSelector("#retention-policy .field-error:not([hidden])")).isEmpty()
                || body().contains("must be greater than or equal to 1"));
        chromium.assertAccessible("a refused policy");

        // rights requests
        go("Rights requests", "Rights requests");
        chromium.wait.until(driver -> driver.findElements(By.cssSelector("#rights-requests tbody tr")).size() >= 1);
        checked("console-admin-rights.png", "the rights requests");
        console.showsNoError();
        chromium.assertNoPolicyViolations();
    }

    private void checked(String screenshot, String what) throws Exception {
        chromium.screenshot(screenshot);
        chromium.assertAccessible(what);
    }

    private void open(String hash) {
        chromium.driver.get("http://localhost:" + api.services().querySidePort() + "/console/index.html" + hash);
    }

    private void signIn(String email) {
        WebElement form = chromium.wait.until(driver -> driver.findElement(By.id("sign-in")));
        form.findElement(By.name("email")).sendKeys(email);
        form.findElement(By.name("password")).sendKeys(ConsoleBrowserIT.PASSWORD);
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private void go(String link, String title) {
        chromium.driver.findElement(By.cssSelector("#top nav")).findElement(By.linkText(link)).click();
        chromium.wait.until(driver -> title.equals(driver.findElement(By.tagName("h1")).getText()));
    }

    private void landsOn(String hash, String title) {
        chromium.wait.until(driver -> driver.getCurrentUrl().endsWith(hash)
                && title.equals(driver.findElement(By.tagName("h1")).getText()));
    }

    private void waitFor(String text) {
        chromium.wait.until(driver -> body().contains(text));
    }

    private long rows(String table) {
        return (Long) chromium.script("return document.querySelectorAll(arguments[0] + ' tbody tr').length", table);
    }

    /** The row's text, read in one script: the table may be redrawn between finding a row and reading it. */
    private String invitationRow(String email) {
        return (String) chromium.script("const row = Array.from(document.querySelectorAll('#main table.data tbody tr'))"
                + ".map(r => r.innerText).find(text => text.includes(arguments[0])); return row || '';", email);
    }

    private String figure(String name) {
        return chromium.driver.findElement(By.cssSelector("[data-figure='" + name + "']")).getText();
    }

    private String body() {
        return chromium.driver.findElement(By.tagName("body")).getText();
    }
}
