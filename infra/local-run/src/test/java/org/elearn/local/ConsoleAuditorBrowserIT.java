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
 * The auditor's pages in headless Chromium: the history of one organization read with personal
 * data redacted, continued after a new event, narrowed to a type, a bad filter refused in words on
 * its field; the history verified intact; the signing key and the checkpoints shown and saved. An
 * auditor who may reveal reads the same organization with a name holding markup, shown as typed.
 * axe-core and the Content-Security-Policy on every view; screenshots:
 * {@code target/console-auditor-*.png}.
 */
class ConsoleAuditorBrowserIT extends ConsoleRoleBrowserTest {

    @Test
    void anAuditorReadsVerifiesAndCopiesTheHistory() throws Exception {
        String operator = api.operator();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID org = api.organization(operator, "Console Audit Org");
        LocalApi.Admin admin = api.approvedAdmin(operator, org, "Ada", "ada-" + tag + "@audit.example");
        String traineeEmail = "tara-" + tag + "@audit.example";
        invite(admin, org, traineeEmail);
        api.accept(api.invitationCode(operator, traineeEmail), "<i>Tara</i> =1+1");
        String plain = auditor(operator, "audra-" + tag + "@audit.example", false);
        String revealing = auditor(operator, "rex-" + tag + "@audit.example", true);

        console.open("");
        console.signIn(plain);
        console.landsOn("#/auditor", "Auditor");
        assertThat(console.body()).contains("Event history", "Verification", "Checkpoints")
                .doesNotContain("Nothing is available here");
        console.checked("console-auditor-home.png", "the auditor's home");

        // the organization's history, redacted; no choice to reveal for this auditor
        console.go("Event history", "Event history");
        assertThat(chromium.driver.findElements(By.name("reveal"))).isEmpty();
        WebElement filters = chromium.wait.until(driver -> driver.findElement(By.id("history-filters")));
        filters.findElement(By.name("organization")).sendKeys(org.toString());
        filters.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("This is the end of the history");
        int first = rows().size();
        assertThat(first).isGreaterThanOrEqualTo(3);
        assertThat(history()).contains("InvitationAccepted", "[redacted]").doesNotContain("Tara").doesNotContain(traineeEmail);
        rows().get(0).findElement(By.tagName("summary")).click();
        console.showsNoError();
        console.checked("console-auditor-history.png", "the event history");

        // a new event of the organization: the read goes on after the last position shown
        invite(admin, org, "tom-" + tag + "@audit.example");
        long lastShown = Long.parseLong(rows().get(first - 1).getAttribute("data-position"));
        chromium.driver.findElement(By.id("history-more")).click();
        chromium.wait.until(driver -> ConsoleSteps.ok(() -> rows().size() > first));
        assertThat(rows().subList(first, rows().size())).allSatisfy(row ->
                assertThat(Long.parseLong(row.getAttribute("data-position"))).isGreaterThan(lastShown));

        // narrowed to a type: this auditor's own reads are in the history too
        filters.findElement(By.name("organization")).clear();
        new Select(filters.findElement(By.name("types"))).selectByVisibleText("EventHistoryRead");
        filters.findElement(By.cssSelector("button[type=submit]")).click();
        chromium.wait.until(driver -> ConsoleSteps.ok(() -> !rows().isEmpty() && rows().stream()
                .allMatch(row -> row.getText().contains("EventHistoryRead"))));

        // a bad filter is refused in words, on its field, and nothing is read
        filters.findElement(By.name("subject")).sendKeys("not-a-person");
        filters.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("Not a UUID.");
        assertThat(filters.findElement(By.name("subject")).getAttribute("aria-invalid")).isEqualTo("true");
        console.showsNoStatusCode();
        console.checked("console-auditor-history-refused.png", "a refused filter");

        // verification
        console.go("Verification", "Verification");
        chromium.driver.findElement(By.id("verify")).findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("The history is intact");
        assertThat(chromium.driver.findElement(By.id("verification")).getText()).contains("Positions checked", "checked");
        console.checked("console-auditor-verification.png", "the verification");

        // checkpoints: the sealer signs the tail within a minute of catching up
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> !api.query().get()
                .uri("/api/audit/checkpoints?limit=1").headers(h -> h.setBearerAuth(operator)).exchange()
                .expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody().isEmpty());
        console.go("Checkpoints", "Checkpoints");
        chromium.wait.until(driver -> !driver.findElement(By.id("public-key")).getText().isBlank()
                && !driver.findElements(By.cssSelector("#checkpoints tbody tr")).isEmpty());
        assertThat(chromium.driver.findElement(By.cssSelector("#checkpoints tbody tr")).getText()).matches("(?s).*[0-9a-f]{64}.*");
        chromium.driver.findElement(By.id("checkpoints-save")).click();
        console.waitFor("The checkpoints are saved.");
        Path saved = await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (var files = Files.list(chromium.downloads)) {
                return files.filter(p -> !p.getFileName().toString().endsWith(".crdownload")).findFirst();
            }
        }, java.util.Optional::isPresent).orElseThrow();
        assertThat(Files.readString(saved)).contains("elearn-audit-checkpoint/1", "signature");
        console.showsNoError();
        console.checked("console-auditor-checkpoints.png", "the checkpoints");
        chromium.driver.findElement(By.id("sign-out")).click();

        // an auditor who may reveal sees the name as typed, never as markup or a formula
        console.signIn(revealing);
        console.landsOn("#/auditor", "Auditor");
        console.go("Event history", "Event history");
        WebElement revealFilters = chromium.wait.until(driver -> driver.findElement(By.id("history-filters")));
        revealFilters.findElement(By.name("organization")).sendKeys(org.toString());
        revealFilters.findElement(By.name("reveal")).click();
        revealFilters.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("This is the end of the history");
        assertThat(history()).contains("\"name\": \"<i>Tara</i> =1+1\"", traineeEmail);
        assertThat(chromium.driver.findElements(By.cssSelector("#history i"))).isEmpty();
        console.showsNoError();
        console.checked("console-auditor-revealed.png", "the history revealed");

        assertThat(chromium.driver.getCurrentUrl()).doesNotContain(org.toString()).doesNotContain(tag);
        chromium.assertNoPolicyViolations();
    }

    private List<WebElement> rows() {
        return chromium.driver.findElements(By.cssSelector("#history tbody tr"));
    }

    /** The table's whole text, closed details included. */
    private String history() {
        return chromium.driver.findElement(By.id("history")).getAttribute("textContent");
    }

    private void invite(LocalApi.Admin admin, UUID org, String email) {
        api.command().post().uri("/api/organizations/{id}/invitations", org).headers(h -> h.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", email, "role", "TRAINEE"))
                .exchange().expectStatus().isCreated();
    }

    private String auditor(String operator, String email, boolean mayReveal) {
        api.command().post().uri("/api/auditors").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", ConsoleBrowserIT.PASSWORD, "mayReveal", mayReveal))
                .exchange().expectStatus().isCreated();
        return email;
    }
}
