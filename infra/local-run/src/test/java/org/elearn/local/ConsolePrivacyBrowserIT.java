package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.http.MediaType;

/**
 * Everyone's privacy pages in headless Chromium, walked by a trainee: a consent given and withdrawn
 * with both decisions in the history; the cookie choice saved; their data downloaded; processing
 * restricted and the restriction lifted; analytics objected to; the account cancelled (with the
 * erasure's date) and the cancellation withdrawn with email and password; signed in again, the data
 * erased, after which the login is refused. axe-core and the Content-Security-Policy on every view;
 * screenshots: {@code target/console-privacy-*.png}.
 */
class ConsolePrivacyBrowserIT extends ConsoleRoleBrowserTest {

    @Test
    void aPersonExercisesTheirRightsFromTheConsole() throws Exception {
        String operator = api.operator();
        UUID org = api.organization(operator, "Console Privacy Org");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        LocalApi.Admin admin = api.approvedAdmin(operator, org, "Ada", "ada-" + tag + "@org.example");
        String email = "pia-" + tag + "@org.example";
        api.joined(operator, admin.token(), org, email, "TRAINEE");

        console.open("");
        console.signIn(email);
        console.landsOn("#/trainee", "Trainee");

        // consents: give, withdraw, both in the history; the cookie choice
        console.go("Consents and cookies", "Consents and cookies");
        console.button("Give consent to News by email").click();
        console.waitFor("You gave consent to News by email.");
        console.button("Withdraw consent to News by email").click();
        console.waitFor("You withdrew consent to News by email.");
        chromium.wait.until(driver -> driver.findElements(By.cssSelector("#consent-history tbody tr")).size() == 2);
        assertThat(chromium.driver.findElement(By.id("consent-history")).getText()).contains("Given", "Withdrawn", "Web");
        WebElement cookies = chromium.driver.findElement(By.id("cookie-choice"));
        cookies.findElement(By.name("analytics")).click();
        cookies.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("Your cookie choice is saved.");
        chromium.wait.until(driver -> driver.findElement(By.id("cookie-analytics")).isSelected());
        console.checked("console-privacy-consents.png", "consents and cookies");

        // the data: download, restrict and lift, object
        console.go("Your data", "Your data");
        chromium.driver.findElement(By.id("download-data")).click();
        console.waitFor("Your data is downloaded.");
        Path export = await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (var files = Files.list(chromium.downloads)) {
                return files.filter(p -> !p.getFileName().toString().endsWith(".crdownload")).findFirst();
            }
        }, java.util.Optional::isPresent).orElseThrow();
        assertThat(Files.readString(export)).contains("urn:elearn:personal-data-export");
        chromium.driver.findElement(By.id("restriction-place")).click();
        console.waitFor("Processing of your data is restricted.");
        chromium.driver.findElement(By.id("restriction-lift")).click();
        console.waitFor("Your data is processed again.");
        chromium.driver.findElement(By.id("objection-place")).click();
        console.waitFor("You are left out of analytics.");
        console.checked("console-privacy-data.png", "your data");

        // cancel, then withdraw with email and password
        WebElement cancellation = chromium.driver.findElement(By.id("cancellation"));
        cancellation.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("Tick the box to confirm the cancellation.");
        cancellation.findElement(By.name("confirm")).click();
        cancellation.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("Your account is cancelled. Your data will be erased on");
        WebElement withdrawal = chromium.wait.until(driver -> driver.findElement(By.id("withdrawal")));
        console.checked("console-privacy-cancelled.png", "a cancelled account");
        withdrawal.findElement(By.name("email")).sendKeys(email);
        withdrawal.findElement(By.name("password")).sendKeys(ConsoleBrowserIT.PASSWORD);
        withdrawal.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("The cancellation is withdrawn");

        // the old token was refused by the cancellation: the next page asks to sign in again
        console.go("Consents and cookies", "Sign in");
        console.signIn(email);
        chromium.wait.until(driver -> "Consents and cookies".equals(driver.findElement(By.tagName("h1")).getText()));
        console.go("Your data", "Your data");
        WebElement erasure = chromium.driver.findElement(By.id("erasure"));
        erasure.findElement(By.name("confirm")).click();
        erasure.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("Your data is erased.");
        api.command().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", ConsoleBrowserIT.PASSWORD)).exchange()
                .expectStatus().isUnauthorized();

        assertThat(chromium.driver.getCurrentUrl()).doesNotContain(tag);
        chromium.assertNoPolicyViolations();
    }
}
