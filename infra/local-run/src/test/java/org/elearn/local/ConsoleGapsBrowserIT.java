package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.http.MediaType;

/**
 * The flows the other console tests left to curl, in headless Chromium: an administrator assigns a
 * published course to a department and a member picked by search (the counts answered, then
 * everyone already enrolled), sends a marketing message to the member who agreed to it (the mail
 * read back from the mailbox), and reads the learning report as of a past time; a trainee
 * downloads their xAPI data (the file checked); an operator reads the organizations a server page at
 * a time (newest first, then by name), opens someone waiting in any organization and approves them,
 * reads the auditors from the server, and sends a marketing message to an organization it picks
 * (the mail read back from the mailbox). axe-core and the Content-Security-Policy on every
 * view; screenshots: {@code target/console-gaps-*.png}.
 */
class ConsoleGapsBrowserIT extends ConsoleRoleBrowserTest {

    @Test
    void anAdministratorAssignsCoursesSendsNewsAndReadsThePast() throws Exception {
        console.screenshotOnFailure("console-gaps-admin-failure.png", this::administrator);
    }

    @Test
    void aTraineeDownloadsTheirXapiData() throws Exception {
        console.screenshotOnFailure("console-gaps-trainee-failure.png", this::trainee);
    }

    @Test
    void anOperatorReadsTheListsOfOrganizationsWaitingPeopleAndAuditorsAndSendsNews() throws Exception {
        console.screenshotOnFailure("console-gaps-operator-failure.png", this::operator);
    }

    private void operator() throws Exception {
        String operator = api.operator();
        // an organization whose one member agreed to marketing mail, for the operator's message
        // (registered first: the two below must be the newest)
        LocalApi.TrainingOrganization news = api.organizationWithTrainees(operator, "Console Gaps News Org", "Ada",
                "gaps.example", List.of());
        String reader = news.email("rea");
        String readerToken = api.joined(operator, news.admin(), news.id(), reader, "TRAINEE");
        api.command().put().uri("/api/me/consents/MARKETING_EMAIL").headers(h -> h.setBearerAuth(readerToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("granted", true, "policyVersion", "1", "channel", "WEB"))
                .exchange().expectStatus().isOk();

        String tag = UUID.randomUUID().toString().substring(0, 8);
        String older = "Gaps Older " + tag;
        String newer = "<i>Gaps</i> Newer " + tag;
        api.organization(operator, older);
        UUID organization = api.organization(operator, newer);
        String wanda = "Wanda <b>W</b> " + tag;
        api.registered(operator, "/api/administrators", Map.of("organizationId", organization, "name", wanda,
                "email", "wanda-" + tag + "@gaps.example", "password", "long-enough-password"));
        String auditor = "audra-" + tag + "@gaps.example";
        api.command().post().uri("/api/auditors").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", auditor, "password", "long-enough-password", "mayReveal", false))
                .exchange().expectStatus().isCreated();
        console.open("");
        console.signIn(LocalApi.OPERATOR_EMAIL, LocalApi.OPERATOR_PASSWORD);
        console.landsOn("#/operator", "Operator");

        // organizations: a server page, the newest first, then sorted by name
        console.go("Organizations", "Organizations");
        chromium.wait.until(driver -> ConsoleSteps.ok(() -> {
            List<WebElement> rows = driver.findElements(By.cssSelector("#organizations tbody tr"));
            return rows.size() >= 2 && rows.get(0).getText().startsWith(newer) && rows.get(1).getText().startsWith(older);
        }));
        assertThat(console.body()).containsPattern("Organizations registered: [0-9,]+\\.").containsPattern("1–[0-9]+ of [0-9,]+");
        console.showsNoError();
        console.checked("console-gaps-operator-organizations.png", "the organizations, a page at a time");
        chromium.driver.findElement(By.xpath("//table[@id='organizations']//th/button[starts-with(normalize-space(), 'Name')]"))
                .click();
        chromium.wait.until(driver -> ConsoleSteps.ok(() -> driver.getCurrentUrl().contains("sort=name%2Casc")
                || driver.getCurrentUrl().contains("sort=name,asc")));

        // everyone waiting, in every organization; one opened and approved
        console.go("Administrator approval", "Administrator approval");
        String decide = "Decide on " + wanda + " in " + newer;
        console.button(decide).click();
        chromium.wait.until(driver -> ConsoleSteps.ok(() -> driver.findElement(By.id("administrators")).getText()
                .contains(wanda)));
        assertThat(chromium.driver.getCurrentUrl()).contains("organization=" + organization).doesNotContain("wanda");
        console.checked("console-gaps-operator-waiting.png", "everyone waiting, and one organization opened");
        console.button("Approve " + wanda).click();
        console.waitFor(wanda + " is approved");
        chromium.wait.until(driver -> driver.findElements(By.cssSelector("button[aria-label='" + decide + "']")).isEmpty());
        console.showsNoError();

        // the auditors, read from the server (one appointed elsewhere is there)
        console.go("Auditors", "Auditors");
        chromium.wait.until(driver -> ConsoleSteps.ok(() -> driver.findElement(By.id("auditors")).getText().contains(auditor)));
        console.showsNoError();
        console.checked("console-gaps-operator-auditors.png", "the auditors");

        // a marketing message to one organization's members, the organization picked first
        console.go("Marketing messages", "Marketing messages");
        WebElement send = chromium.driver.findElement(By.id("marketing-message"));
        Select to = new Select(send.findElement(By.name("organization")));
        chromium.wait.until(driver -> ConsoleSteps.ok(() -> to.getOptions().stream()
                .anyMatch(o -> news.id().toString().equals(o.getAttribute("value")))));
        String subject = "Operator <b>news</b> " + news.tag();
        send.findElement(By.name("subject")).sendKeys(subject);
        send.findElement(By.name("text")).sendKeys("A word from the platform.");
        send.findElement(By.name("confirm")).click();
        send.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("Please correct the fields marked below.");
        to.selectByValue(news.id().toString());
        free(send);
        send.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("The message is queued; recipients: 1.");
        console.showsNoError();
        assertThat(chromium.driver.getCurrentUrl()).doesNotContain(news.id().toString());
        console.checked("console-gaps-operator-marketing.png", "the operator's marketing message sent");
        await().atMost(Duration.ofSeconds(60)).until(() -> api.mailbox(operator, reader).stream()
                .anyMatch(mail -> subject.equals(mail.get("subject"))));
        chromium.assertNoPolicyViolations();
    }

    private void administrator() throws Exception {
        String operator = api.operator();
        LocalApi.TrainingOrganization org = api.organizationWithTrainees(operator, "Console Gaps Org", "Ada",
                "gaps.example", LocalApi.ANN_BEN_CID);
        String instructor = api.joined(operator, org.admin(), org.id(), org.email("ian"), "INSTRUCTOR");
        String reader = org.email("rea");
        String readerToken = api.joined(operator, org.admin(), org.id(), reader, "TRAINEE");
        api.publishedCourse(instructor, org.id(), "<i>Forklift</i> Basics", UUID.randomUUID());
        api.memberId(org.admin(), org.id(), "Cid"); // the member list shows the import
        await().atMost(Duration.ofSeconds(30)).until(() -> api.query().get()
                .uri("/api/organizations/{o}/reports/courses", org.id()).headers(h -> h.setBearerAuth(org.admin()))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody()
                .contains("\"PUBLISHED\""));

        console.open("");
        console.signIn(org.adminEmail());
        console.landsOn("#/admin", "Administrator");
        assertThat(console.body()).contains("Course assignments", "Marketing messages");

        // course assignments: Sales (Ann, Ben) and Cid picked by search
        console.go("Course assignments", "Course assignments");
        chromium.wait.until(driver -> driver.findElements(By.cssSelector("#assign-departments input")).size() == 2);
        Select course = new Select(chromium.driver.findElement(By.cssSelector("#assign-course select[name=course]")));
        chromium.wait.until(driver -> course.getOptions().size() == 2);
        WebElement assign = chromium.driver.findElement(By.id("assign-course"));
        course.selectByVisibleText("<i>Forklift</i> Basics");
        assign.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("Pick at least one department or member.");
        chromium.driver.findElement(By.cssSelector("#assign-departments input[value='Sales']")).click();
        WebElement search = chromium.driver.findElement(By.id("member-search"));
        search.findElement(By.name("q")).sendKeys("Cid");
        search.findElement(By.cssSelector("button[type=submit]")).click();
        console.button("Add Cid").click();
        chromium.wait.until(driver -> driver.findElement(By.id("picked-members")).getText().contains(org.email("cid")));
        console.checked("console-gaps-assignments.png", "the course assignments");
        free(assign);
        assign.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("Assigned: 3 newly enrolled, 0 were enrolled already.");
        console.showsNoError();
        free(assign);
        assign.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("Assigned: 0 newly enrolled, 3 were enrolled already.");
        chromium.assertAccessible("the course assigned");

        // a marketing message: only the member who agreed to marketing mail gets it
        api.command().put().uri("/api/me/consents/MARKETING_EMAIL").headers(h -> h.setBearerAuth(readerToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("granted", true, "policyVersion", "1", "channel", "WEB"))
                .exchange().expectStatus().isOk();
        console.go("Marketing messages", "Marketing messages");
        WebElement send = chromium.driver.findElement(By.id("marketing-message"));
        String subject = "Autumn <b>news</b> " + org.tag();
        send.findElement(By.name("subject")).sendKeys(subject);
        send.findElement(By.name("text")).sendKeys("New courses are out.\nSee you there.");
        send.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("Tick the confirmation to send the message.");
        send.findElement(By.name("confirm")).click();
        free(send);
        send.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("The message is queued; recipients: 1.");
        console.showsNoError();
        console.checked("console-gaps-marketing.png", "the marketing message sent");
        await().atMost(Duration.ofSeconds(60)).until(() -> api.mailbox(operator, reader).stream()
                .anyMatch(mail -> subject.equals(mail.get("subject"))));
        assertThat(api.mailbox(operator, org.email("ann"))).noneMatch(mail -> subject.equals(mail.get("subject")));

        // the learning report as of a moment ago, replayed by the server; not exported
        console.go("Learning report", "Learning report");
        console.waitFor("Cid");
        WebElement filters = chromium.driver.findElement(By.id("report-filters"));
        // a local time a few seconds ago, as the datetime-local field holds it (typing one depends on the locale)
        chromium.script("const d = new Date(Date.now() - 3000); d.setMinutes(d.getMinutes() - d.getTimezoneOffset());"
                + "arguments[0].value = d.toISOString().slice(0, 19);", filters.findElement(By.name("at")));
        filters.findElement(By.cssSelector("button[type=submit]")).click();
        chromium.wait.until(driver -> ConsoleSteps.ok(() -> driver.findElement(By.id("report-as-of")).getText()
                .matches("The report as it was at .+ \\([0-9,]+ events replayed\\)\\.")));
        chromium.wait.until(driver -> ConsoleSteps.ok(() -> driver.findElement(By.cssSelector("#main table.data")).getText()
                .contains("Cid")));
        assertThat(console.body()).contains("Ann", "Ben");
        assertThat(chromium.driver.findElement(By.id("export-csv")).isEnabled()).isFalse();
        assertThat(chromium.driver.getCurrentUrl()).contains("at=");
        console.showsNoError();
        console.checked("console-gaps-report-as-of.png", "the learning report as of a past time");
        chromium.assertNoPolicyViolations();
    }

    private void trainee() throws Exception {
        String operator = api.operator();
        LocalApi.TrainingOrganization org = api.organizationWithTrainees(operator, "Console Gaps xAPI Org", "Ada",
                "gaps.example", List.of());
        String email = org.email("xia");
        api.joined(operator, org.admin(), org.id(), email, "TRAINEE");
        api.command().put().uri("/xapi/activities/state?activityId={a}&agent={g}&stateId=resume",
                        "https://content.example/courses/gaps", "{\"mbox\":\"mailto:" + email + "\"}")
                .headers(LocalApi.xapi(org.credential())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"page\":7}").exchange().expectStatus().isNoContent();

        console.open("");
        console.signIn(email);
        console.landsOn("#/trainee", "Trainee");
        console.go("Your data", "Your data");
        chromium.driver.findElement(By.id("download-xapi-data")).click();
        console.waitFor("Your xAPI data is downloaded.");
        Path file = chromium.downloaded("xapi-data.json");
        assertThat(Files.readString(file)).contains("\"documents\"", "https://content.example/courses/gaps", "\"page\":7");
        console.showsNoError();
        console.checked("console-gaps-xapi-data.png", "the xAPI data downloaded");
        chromium.assertNoPolicyViolations();
    }

    /** Waits until the form is no longer busy with its last submission. */
    private void free(WebElement form) {
        chromium.wait.until(driver -> ConsoleSteps.ok(() -> form.getAttribute("aria-busy") == null));
    }
}
