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
 * restricted and the restriction lifted, then analytics objected to (each limit shown in place or
 * not, with only the step that applies offered); the account cancelled (with the
 * erasure's date) and the cancellation withdrawn with email and password; signed in again, the data
 * erased, after which the login is refused. axe-core and the Content-Security-Policy on every view;
 * screenshots: {@code target/console-privacy-*.png}. Also: a member edits their own profile (a name
 * holding markup shown as typed, a bad phone refused on its field) and changes their password,
 * after which this tab goes on while a token from before is refused.
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
        // each limit says whether it is in place and offers only the step that applies
        limitShows("restriction", "Now: your data is processed as usual.", "restriction-place");
        limitShows("objection", "Now: you are counted in analytics.", "objection-place");
        chromium.driver.findElement(By.id("restriction-place")).click();
        console.waitFor("Processing of your data is restricted.");
        limitShows("restriction", "Now: the processing of your data is restricted.", "restriction-lift");
        console.checked("console-privacy-restricted.png", "the restriction in place");
        chromium.driver.findElement(By.id("restriction-lift")).click();
        console.waitFor("Your data is processed again.");
        limitShows("restriction", "Now: your data is processed as usual.", "restriction-place");
        chromium.driver.findElement(By.id("objection-place")).click();
        console.waitFor("You are left out of analytics.");
        limitShows("objection", "Now: you object to analytics and are left out of it.", "objection-lift");
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

    @Test
    void aMemberEditsTheirProfileAndChangesTheirPassword() throws Exception {
        String operator = api.operator();
        UUID org = api.organization(operator, "Console Profile Org");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        LocalApi.Admin admin = api.approvedAdmin(operator, org, "Ada", "ada-" + tag + "@org.example");
        String email = "paz-" + tag + "@org.example";
        String before = api.joined(operator, admin.token(), org, email, "TRAINEE");

        console.open("");
        console.signIn(email);
        console.landsOn("#/trainee", "Trainee");
        console.go("Profile and password", "Profile and password");
        WebElement profile = chromium.wait.until(driver -> driver.findElement(By.id("profile")));
        chromium.wait.until(driver -> "TRAINEE Person".equals(profile.findElement(By.name("name")).getAttribute("value")));
        assertThat(chromium.driver.findElement(By.id("profile-facts")).getText()).contains(email);
        console.checked("console-privacy-profile.png", "profile and password");

        // a bad phone is refused on its field; then the profile is saved and read back
        WebElement name = profile.findElement(By.name("name"));
        name.clear();
        name.sendKeys("<b>Paz</b> =1+1");
        profile.findElement(By.name("phone")).sendKeys("not a phone");
        profile.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("must be a phone number");
        assertThat(profile.findElement(By.name("phone")).getAttribute("aria-invalid")).isEqualTo("true");
        profile.findElement(By.name("phone")).clear();
        profile.findElement(By.name("phone")).sendKeys("+44 20 7946 0958");
        profile.findElement(By.name("nickname")).sendKeys("Pazzy");
        new org.openqa.selenium.support.ui.Select(profile.findElement(By.name("gender"))).selectByVisibleText("Non-binary");
        profile.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("Your profile is saved.");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.query().get().uri("/api/me/profile")
                .headers(h -> h.setBearerAuth(before)).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody().get("member")).asString()
                .contains("name=<b>Paz</b> =1+1", "phone=+44 20 7946 0958", "nickname=Pazzy", "gender=non-binary"));
        console.go("Your data", "Your data");
        console.go("Profile and password", "Profile and password");
        chromium.wait.until(driver -> "<b>Paz</b> =1+1".equals(driver.findElement(By.id("profile"))
                .findElement(By.name("name")).getAttribute("value")));
        assertThat(chromium.driver.findElements(By.cssSelector("#main b"))).isEmpty();

        // the password: a mismatch and a wrong current password are said in words, then it changes
        WebElement password = chromium.driver.findElement(By.id("password-change"));
        password.findElement(By.name("currentPassword")).sendKeys(ConsoleBrowserIT.PASSWORD);
        password.findElement(By.name("newPassword")).sendKeys("a-new-long-password");
        password.findElement(By.name("repeat")).sendKeys("a-new-long-passwort");
        password.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("The new password and its repetition differ.");
        password.findElement(By.name("currentPassword")).clear();
        password.findElement(By.name("currentPassword")).sendKeys("not-my-password");
        password.findElement(By.name("repeat")).clear();
        password.findElement(By.name("repeat")).sendKeys("a-new-long-password");
        password.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("The current password is not right.");
        console.showsNoStatusCode();
        console.checked("console-privacy-password-refused.png", "a refused password change");
        password.findElement(By.name("currentPassword")).clear();
        password.findElement(By.name("currentPassword")).sendKeys(ConsoleBrowserIT.PASSWORD);
        password.findElement(By.cssSelector("button[type=submit]")).click();
        console.waitFor("Your password is changed.");
        assertThat(password.findElement(By.name("newPassword")).getAttribute("value")).isEmpty();

        // every token from before is refused; this tab took the fresh one and goes on
        api.query().get().uri("/api/me/profile").headers(h -> h.setBearerAuth(before)).exchange()
                .expectStatus().isUnauthorized();
        console.go("Your data", "Your data");
        chromium.driver.findElement(By.id("download-data")).click();
        console.waitFor("Your data is downloaded.");
        console.showsNoError();
        chromium.driver.findElement(By.id("sign-out")).click();
        WebElement signIn = chromium.wait.until(driver -> driver.findElement(By.id("sign-in")));
        signIn.findElement(By.name("email")).sendKeys(email);
        signIn.findElement(By.name("password")).sendKeys("a-new-long-password");
        signIn.findElement(By.cssSelector("button[type=submit]")).click();
        console.landsOn("#/trainee", "Trainee");
        assertThat(chromium.driver.getCurrentUrl()).doesNotContain(tag);
        chromium.assertNoPolicyViolations();
    }

    /** Waits until the limit's state line says {@code state} and only the {@code offered} button shows. */
    private void limitShows(String kind, String state, String offered) {
        chromium.wait.until(driver -> ConsoleSteps.ok(() -> driver.findElement(By.id(kind + "-state")).getText().equals(state)
                && driver.findElement(By.id(offered)).isDisplayed()
                && !driver.findElement(By.id(offered.endsWith("-place") ? kind + "-lift" : kind + "-place")).isDisplayed()));
    }
}
