package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The operator's main path through the console in headless Chromium: the home; an organization
 * refused with a wrong region, then registered (its name holding markup, shown as typed); two
 * people asking to administer it, their documents' links and hashes shown, one approved (who can
 * then log in) and one rejected with a reason; an auditor appointed (who can log in) and a second
 * appointment of the same email refused in words; a verification mail read from the local
 * mailbox, the address never in the URL; the learning report's projection rebuilt with its
 * progress followed to the end. axe-core and the Content-Security-Policy on every view;
 * screenshots: {@code target/console-operator-*.png}.
 */
class ConsoleOperatorBrowserIT extends ConsoleRoleBrowserTest {

    private static final String PASSWORD = "long-enough-password";

    @Test
    void anOperatorRegistersApprovesAppointsReadsMailAndRebuilds() throws Exception {
        console.screenshotOnFailure("console-operator-failure.png", this::walk);
    }

    private void walk() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String organization = "<b>Op</b> Org " + tag;

        console.open("");
        console.signIn(LocalApi.OPERATOR_EMAIL, LocalApi.OPERATOR_PASSWORD);
        console.landsOn("#/operator", "Operator");
        assertThat(console.body()).contains("Organizations", "Administrator approval", "Auditors", "Mailbox",
                "Projection rebuilds").doesNotContain("Nothing is available here");
        console.checked("console-operator-home.png", "the operator's home");

        // an organization: a wrong region is refused on its field, then it is registered
        console.go("Organizations", "Organizations");
        WebElement register = chromium.driver.findElement(By.id("register-organization"));
        register.findElement(By.name("name")).sendKeys(organization);
        register.findElement(By.name("dataRegion")).sendKeys("Europe");
        register.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("must be a region code such as sg or eu");
        chromium.assertAccessible("a region refused");
        register.findElement(By.name("dataRegion")).clear();
        register.findElement(By.name("dataRegion")).sendKeys("eu");
        register.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor(organization + " is registered.");
        WebElement row = chromium.wait.until(driver -> driver.findElements(By.cssSelector("#organizations tbody tr")).stream()
                .filter(r -> ConsoleSteps.ok(() -> r.getText().startsWith(organization))).findFirst().orElse(null));
        UUID organizationId = UUID.fromString(row.getAttribute("data-key"));
        console.showsNoError();
        console.checked("console-operator-organizations.png", "the organizations");

        // two people ask to administer it, with documents
        String operator = api.operator();
        String ada = "ada-" + tag + "@op.example";
        String bob = "bob-" + tag + "@op.example";
        String adaHash = "a".repeat(64);
        api.registered(operator, "/api/administrators", Map.of("organizationId", organizationId, "name", "Ada <i>A</i>",
                "email", ada, "password", PASSWORD, "documents", List.of(
                        Map.of("type", "NDA", "uri", "https://files.example/ada-nda.pdf", "sha256", adaHash),
                        Map.of("type", "TRAINER_CERTIFICATE", "uri", "urn:isbn:0451450523", "sha256", "b".repeat(64)))));
        api.registered(operator, "/api/administrators", Map.of("organizationId", organizationId, "name", "Bob",
                "email", bob, "password", PASSWORD));

        await().atMost(Duration.ofSeconds(30)).until(() -> api.query().get()
                .uri("/api/organizations/{o}/administrators", organizationId).headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody().size() == 2);
        chromium.driver.findElement(By.cssSelector("a[aria-label='Administrators of " + organization + "']")).click();
        console.landsOn("#/operator/administrators?organization=" + organizationId, "Administrator approval");
        console.waitFor("Ada <i>A</i>");
        console.waitFor("Bob");
        WebElement link = chromium.driver.findElement(By.cssSelector("#administrators a[href='https://files.example/ada-nda.pdf']"));
        assertThat(link.getAttribute("rel")).contains("noopener");
        assertThat(chromium.driver.findElement(By.id("administrators")).getText())
                .contains("Non-disclosure agreement", adaHash, "Trainer certificate", "urn:isbn:0451450523", "Pending");
        assertThat(chromium.driver.findElements(By.cssSelector("#administrators a[href^='urn']"))).isEmpty();
        console.showsNoError();
        console.checked("console-operator-pending.png", "the pending administrators");
        console.button("Approve Ada <i>A</i>").click();
        console.waitFor("Ada <i>A</i> is approved");
        chromium.wait.until(driver -> !console.body().contains(ada)); // pending only: Ada has left the list
        console.button("Reject Bob").click();
        WebElement reject = chromium.wait.until(driver -> driver.findElement(By.id("reject-administrator")));
        chromium.assertAccessible("the rejection's reason");
        reject.findElement(By.name("reason")).sendKeys("No trainer certificate.");
        reject.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("Bob is rejected.");
        console.waitFor("Nobody is waiting for a decision here.");
        assertThat(api.login(ada, PASSWORD)).isNotBlank();
        WebElement chooser = chromium.driver.findElement(By.id("choose-organization"));
        chooser.findElement(By.name("pending")).click();
        chooser.findElement(By.cssSelector("button[type=submit]")).click();
        chromium.wait.until(driver -> ConsoleSteps.ok(() -> {
            String table = driver.findElement(By.id("administrators")).getText();
            return table.contains("Approved") && table.contains("Rejected");
        }));
        console.showsNoError();
        console.checked("console-operator-decided.png", "the decided administrators");

        // an auditor appointed, who can log in; the same email again is refused in words
        console.go("Auditors", "Auditors");
        String auditor = "audrey-" + tag + "@op.example";
        appointAuditor(auditor);
        console.waitFor(auditor + " is appointed auditor.");
        // the list is the query side's: it shows the auditor once the event is applied
        chromium.wait.until(driver -> ConsoleSteps.ok(() -> {
            String auditors = driver.findElement(By.id("auditors")).getText();
            return auditors.contains(auditor) && auditors.contains("Yes");
        }));
        assertThat(api.login(auditor, PASSWORD)).isNotBlank();
        console.showsNoError();
        console.checked("console-operator-auditors.png", "the auditors");
        appointAuditor(auditor);
        console.waitFor("An account with this email exists.");
        console.showsNoStatusCode();

        // the mailbox: the verification mail of someone who has not used it yet (a used code's mail
        // is dropped), the address kept out of the URL
        String cy = "cy-" + tag + "@op.example";
        api.command().post().uri("/api/administrators").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("organizationId", organizationId, "name", "Cy", "email", cy, "password", PASSWORD))
                .exchange().expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.mailbox(operator, cy).size() == 1);
        console.go("Mailbox", "Mailbox");
        WebElement mailbox = chromium.driver.findElement(By.id("mailbox"));
        mailbox.findElement(By.name("recipient")).sendKeys(cy);
        mailbox.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("Mail to " + cy + ", newest first");
        assertThat(chromium.driver.findElement(By.id("messages")).getText()).contains("Your verification code: ");
        assertThat(chromium.driver.getCurrentUrl()).doesNotContain("cy-");
        console.showsNoError();
        console.checked("console-operator-mailbox.png", "the mailbox");

        // a rebuild of the learning report, followed to the end
        console.go("Projection rebuilds", "Projection rebuilds");
        console.waitFor("learning-report");
        console.button("Rebuild learning-report").click();
        console.waitFor("The rebuild of learning-report is done.");
        assertThat(chromium.driver.findElement(By.cssSelector("#rebuilds tr[data-key='learning-report'] .state")).getText())
                .isEqualTo("Done");
        assertThat(chromium.driver.findElements(By.cssSelector("#rebuilds tr[data-key='learning-report'] progress"))).hasSize(1);
        console.showsNoError();
        console.checked("console-operator-rebuilds.png", "the projection rebuilds");
        chromium.assertNoPolicyViolations();
    }

    private void appointAuditor(String email) {
        WebElement appoint = chromium.driver.findElement(By.id("appoint-auditor"));
        appoint.findElement(By.name("email")).sendKeys(email);
        appoint.findElement(By.name("password")).sendKeys(PASSWORD);
        WebElement reveal = appoint.findElement(By.name("mayReveal"));
        if (!reveal.isSelected()) {
            reveal.click();
        }
        appoint.findElement(By.cssSelector("button[type=submit]")).click();
    }
}
