package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.http.MediaType;

/**
 * The console ({@code /console/index.html} on the query side) in real headless Chromium: every role
 * signs in and lands on its own home; the token is in no storage and no URL; a page the role may
 * not open says so in words; a session ended on the server (a password change elsewhere) brings
 * back the sign-in, which returns to the page that was open. Every view passes axe-core and its
 * Content-Security-Policy; the screenshots are {@code infra/local-run/target/console-*.png}.
 */
class ConsoleBrowserIT extends ConsoleRoleBrowserTest {

    static final String PASSWORD = "long-enough-password";

    @Test
    void everyRoleSignsInToItsOwnHomeWithTheTokenInMemoryOnly() throws Exception {
        String operator = api.operator();
        LocalApi.TrainingOrganization organization = api.organizationWithTrainees(operator, "Console Org", "Cora",
                "console.example", LocalApi.ANN_BEN_CID);
        String traineeEmail = organization.email("tia");
        api.joined(operator, organization.admin(), organization.id(), traineeEmail, "TRAINEE");
        String instructorEmail = organization.email("ian");
        api.joined(operator, organization.admin(), organization.id(), instructorEmail, "INSTRUCTOR");
        String auditorEmail = "auditor-" + organization.tag() + "@console.example";
        api.command().post().uri("/api/auditors").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", auditorEmail, "password", PASSWORD, "mayReveal", false))
                .exchange().expectStatus().isCreated();

        open("");
        heading("Sign in");
        chromium.screenshot("console-sign-in.png");
        chromium.assertAccessible("the sign-in");

        signIn(organization.adminEmail(), PASSWORD);
        landsOn("#/admin", "Administrator");
        assertThat(chromium.script("return localStorage.length + sessionStorage.length + document.cookie.length"))
                .as("nothing kept in the browser's storage").isEqualTo(0L);
        assertThat(chromium.driver.getCurrentUrl()).doesNotContain("ey"); // no JWT in the URL
        chromium.screenshot("console-admin-home.png");
        chromium.assertAccessible("the administrator's home");

        // a page through the command side's pass-through
        chromium.driver.findElement(By.linkText("Your account")).click();
        chromium.wait.until(driver -> driver.findElement(By.cssSelector(".facts")).getText().contains("Administrator"));
        assertThat(chromium.driver.findElement(By.cssSelector(".facts")).getText())
                .contains(organization.id().toString());
        chromium.assertAccessible("your account");
        signOut();

        signIn(traineeEmail, PASSWORD);
        landsOn("#/trainee", "Trainee");
        chromium.assertAccessible("the trainee's home");
        // the administrator's home is not the trainee's: said in words, no status code
        open("#/admin");
        chromium.wait.until(driver -> body().contains("This page is not available to your account."));
        console.showsNoStatusCode();
        chromium.screenshot("console-not-for-you.png");
        chromium.assertAccessible("a page not for the trainee");
        signOut();

        signIn(instructorEmail, PASSWORD);
        landsOn("#/instructor", "Instructor");
        signOut();
        signIn(auditorEmail, PASSWORD);
        landsOn("#/auditor", "Auditor");
        signOut();
        signIn(LocalApi.OPERATOR_EMAIL, LocalApi.OPERATOR_PASSWORD);
        landsOn("#/operator", "Operator");
        chromium.assertNoPolicyViolations();
    }

    @Test
    void aSessionEndedElsewhereAsksToSignInAgainAndReturnsToThePage() throws Exception {
        String operator = api.operator();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID organization = api.organization(operator, "Console Org");
        String email = "cleo-" + tag + "@console.example";
        api.approvedAdmin(operator, organization, "Cleo", email);
        open("#/me");
        heading("Sign in");
        signIn(email, PASSWORD); // opened signed out: signing in leads to the page asked for
        chromium.wait.until(driver -> driver.getCurrentUrl().endsWith("#/me"));
        heading("Your account");

        // the password changes in another session: every older token is refused from now on
        String other = api.login(email, PASSWORD);
        api.command().post().uri("/api/me/password").headers(h -> h.setBearerAuth(other))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", PASSWORD, "newPassword", "another-long-password"))
                .exchange().expectStatus().isOk();
        chromium.driver.navigate().refresh(); // a reload forgets the token, as closing the tab does
        heading("Sign in");
        signIn(email, "another-long-password");
        heading("Your account");
        open("#/admin");
        landsOn("#/admin", "Administrator");
        // the next request with the refused token: the sign-in comes back with a sentence, not a 401
        api.command().post().uri("/api/me/password").headers(h -> h.setBearerAuth(api.login(email, "another-long-password")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", "another-long-password", "newPassword", PASSWORD))
                .exchange().expectStatus().isOk();
        chromium.driver.findElement(By.linkText("Your account")).click();
        chromium.wait.until(driver -> body().contains("Your session has ended"));
        console.showsNoStatusCode();
        chromium.screenshot("console-session-ended.png");
        chromium.assertAccessible("the sign-in after a session ended");
        signIn(email, PASSWORD);
        chromium.wait.until(driver -> driver.getCurrentUrl().endsWith("#/me"));
        heading("Your account");
        chromium.assertNoPolicyViolations();
    }

    void open(String hash) {
        chromium.driver.get("http://localhost:" + api.services().querySidePort() + "/console/index.html" + hash);
    }

    void signIn(String email, String password) {
        WebElement form = chromium.wait.until(driver -> driver.findElement(By.id("sign-in")));
        form.findElement(By.name("email")).sendKeys(email);
        form.findElement(By.name("password")).sendKeys(password);
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    void signOut() {
        chromium.driver.findElement(By.id("sign-out")).click();
        heading("Sign in");
    }

    void landsOn(String hash, String title) {
        chromium.wait.until(driver -> driver.getCurrentUrl().endsWith(hash));
        heading(title);
    }

    void heading(String title) {
        chromium.wait.until(driver -> title.equals(driver.findElement(By.tagName("h1")).getText()));
    }

    String body() {
        return chromium.driver.findElement(By.tagName("body")).getText();
    }
}
