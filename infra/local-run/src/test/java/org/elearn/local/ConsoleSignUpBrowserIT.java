package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.http.MediaType;

/**
 * The console's public pages (join.html) in headless Chromium, reached from the sign-in view and the
 * operator's organizations: a person opens the operator's asking link (the organization's id filled
 * in), asks to administer it with a document whose SHA-256 the page computes from
 * the file, opens the verification mail's link (the code in the fragment only, and gone from the
 * address once read), confirms, is approved by the operator and signs in; an instructor registers,
 * confirms and signs in, and the used link is then refused in words; an invited person opens the
 * invitation mail's link, has a mismatched password refused, accepts and signs in, and the used
 * link is then refused in words. axe-core and the Content-Security-Policy on every view;
 * screenshots: {@code target/console-join-*.png}.
 */
class ConsoleSignUpBrowserIT extends ConsoleRoleBrowserTest {

    private static final String PASSWORD = ConsoleBrowserIT.PASSWORD;
    /** A link a mail gives to the console's public page, with the code in its fragment. */
    private static final Pattern LINK = Pattern.compile("(http://localhost:8081/console/join\\.html)#(verify|invitation)/(\\S+)");

    @Test
    void peopleAskRegisterAndAcceptFromTheConsole() throws Exception {
        console.screenshotOnFailure("console-join-failure.png", this::walk);
    }

    private void walk() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String operator = api.operator();
        String organizationName = "Join Org " + tag;
        UUID organization = api.organization(operator, organizationName);

        // the sign-in view links to the public pages
        console.open("");
        chromium.wait.until(driver -> driver.findElement(By.id("sign-in")));
        assertThat(chromium.driver.findElement(By.linkText("Ask to administer an organization")).getAttribute("href"))
                .endsWith("/console/join.html#administer");
        console.checked("console-join-sign-in.png", "the sign-in with the public pages' links");

        // the operator gives the organization's asking link, which fills its id in
        console.signIn(LocalApi.OPERATOR_EMAIL, LocalApi.OPERATOR_PASSWORD);
        console.landsOn("#/operator", "Operator");
        console.go("Organizations", "Organizations");
        WebElement asking = chromium.wait.until(driver -> driver.findElement(
                By.cssSelector("a[aria-label='The page asking to administer " + organizationName + "']")));
        console.checked("console-join-organizations.png", "the organizations with their ids and asking links");
        asking.click();
        onView("Ask to administer an organization");
        assertThat(chromium.driver.getCurrentUrl()).endsWith("/console/join.html#administer/" + organization);
        String ada = "ada-" + tag + "@join.example";
        WebElement ask = chromium.driver.findElement(By.id("ask-to-administer"));
        assertThat(ask.findElement(By.name("organizationId")).getAttribute("value")).isEqualTo(organization.toString());
        ask.findElement(By.name("organizationId")).clear();
        ask.findElement(By.name("organizationId")).sendKeys("not-an-id");
        ask.findElement(By.name("name")).sendKeys("Ada <b>Admin</b>");
        ask.findElement(By.name("email")).sendKeys(ada);
        ask.findElement(By.name("occupation")).sendKeys("Training lead");
        ask.findElement(By.name("password")).sendKeys(PASSWORD);
        ask.findElement(By.name("repeat")).sendKeys(PASSWORD);
        chromium.driver.findElement(By.id("add-document")).click();
        ask.findElement(By.name("documentUri")).sendKeys("https://files.example/ada-nda.pdf");
        Path nda = Files.writeString(Files.createTempFile("nda", ".txt"), "signed " + tag);
        ask.findElement(By.name("documentFile")).sendKeys(nda.toString());
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(("signed " + tag).getBytes(StandardCharsets.UTF_8)));
        chromium.wait.until(driver -> sha256.equals(ask.findElement(By.name("documentSha256")).getAttribute("value")));
        submit(ask);
        console.waitFor("This is not an organization id");
        chromium.assertAccessible("a malformed organization id refused on its field");
        ask.findElement(By.name("organizationId")).clear();
        ask.findElement(By.name("organizationId")).sendKeys(organization.toString());
        console.checked("console-join-administer.png", "asking to administer, filled in");
        submit(ask);
        shows("Check your mail", "console-join-sent.png");
        assertThat(console.body()).contains(ada);

        // the verification mail's link, then the operator's approval, then the sign-in
        openLink(mailedLink(operator, ada, "verify"), "Confirm your email");
        submit(chromium.driver.findElement(By.id("verify-registration")));
        shows("Your request is sent", "console-join-verified-administrator.png");
        Map<?, ?> pending = await().atMost(Duration.ofSeconds(30)).until(() -> administrators(operator, organization), list -> list.size() == 1).get(0);
        assertThat(pending.get("name")).isEqualTo("Ada <b>Admin</b>");
        assertThat(pending.get("occupation")).isEqualTo("Training lead");
        assertThat(pending.get("documents").toString()).contains("https://files.example/ada-nda.pdf", sha256);
        api.command().post().uri("/api/administrators/{id}/approval", pending.get("administratorId"))
                .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isNoContent();
        signsIn(ada, "#/admin", "Administrator");
        String admin = api.login(ada, PASSWORD);
        signOut();

        // an instructor registers from the sign-in view
        chromium.driver.findElement(By.linkText("Register as an instructor")).click();
        onView("Register as an instructor");
        String ivy = "ivy-" + tag + "@join.example";
        WebElement register = chromium.driver.findElement(By.id("register-instructor"));
        register.findElement(By.name("name")).sendKeys("Ivy Instructor");
        register.findElement(By.name("email")).sendKeys(ivy);
        register.findElement(By.name("phone")).sendKeys("+65 6123 4567");
        register.findElement(By.name("password")).sendKeys(PASSWORD);
        register.findElement(By.name("repeat")).sendKeys(PASSWORD);
        console.checked("console-join-instructor.png", "registering as an instructor");
        submit(register);
        console.waitFor("Check your mail");
        String ivyLink = mailedLink(operator, ivy, "verify");
        openLink(ivyLink, "Confirm your email");
        submit(chromium.driver.findElement(By.id("verify-registration")));
        shows("Your email is confirmed", "console-join-verified-instructor.png");
        signsIn(ivy, "#/instructor", "Instructor");
        signOut();
        // the same link again: a used code is a sentence
        openLink(ivyLink, "Confirm your email");
        submit(chromium.driver.findElement(By.id("verify-registration")));
        refused("This code opens nothing", "console-join-verify-used.png");

        // an invited person accepts with the invitation mail's link
        String tia = "tia-" + tag + "@join.example";
        api.command().post().uri("/api/organizations/{o}/invitations", organization).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", tia, "role", "TRAINEE"))
                .exchange().expectStatus().isCreated();
        String tiaLink = mailedLink(operator, tia, "invitation");
        openLink(tiaLink, "Accept an invitation");
        WebElement accept = chromium.driver.findElement(By.id("accept-invitation"));
        accept.findElement(By.name("name")).sendKeys("Tia <i>Trainee</i>");
        accept.findElement(By.name("password")).sendKeys(PASSWORD);
        accept.findElement(By.name("repeat")).sendKeys(PASSWORD + "!");
        submit(accept);
        console.waitFor("The password and its repetition differ.");
        chromium.assertAccessible("a mismatched password refused on its field");
        accept.findElement(By.name("repeat")).clear();
        accept.findElement(By.name("repeat")).sendKeys(PASSWORD);
        console.checked("console-join-invitation.png", "accepting an invitation");
        submit(accept);
        shows("You have joined", "console-join-accepted.png");
        signsIn(tia, "#/trainee", "Trainee");
        // the same link again: a used invitation is a sentence
        openLink(tiaLink, "Accept an invitation");
        WebElement again = chromium.driver.findElement(By.id("accept-invitation"));
        again.findElement(By.name("name")).sendKeys("Tia Again");
        again.findElement(By.name("password")).sendKeys(PASSWORD);
        again.findElement(By.name("repeat")).sendKeys(PASSWORD);
        submit(again);
        refused("This invitation has been accepted already", "console-join-invitation-used.png");
        chromium.assertNoPolicyViolations();
    }

    /** The link the newest such mail to this address gives; it points at the console's default address. */
    private String mailedLink(String operator, String email, String view) {
        String body = await().atMost(Duration.ofSeconds(60)).until(() -> api.mailbox(operator, email).stream()
                        .map(m -> m.get("body").toString()).filter(b -> b.contains("join.html#" + view + "/")).findFirst(),
                java.util.Optional::isPresent).get();
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as("a link to the console in the mail").isTrue();
        assertThat(link.group(2)).isEqualTo(view);
        return link.group(0);
    }

    /**
     * Opens the mailed link on this test's query side (the mail names the default port) and checks
     * the code is filled in and gone from the address.
     */
    private void openLink(String link, String title) throws Exception {
        String fragment = link.substring(link.indexOf('#'));
        String code = fragment.substring(fragment.indexOf('/') + 1);
        chromium.driver.get("http://localhost:" + api.services().querySidePort() + "/console/join.html" + fragment);
        onView(title);
        assertThat(chromium.driver.getCurrentUrl()).endsWith(fragment.substring(0, fragment.indexOf('/')))
                .doesNotContain(code);
        assertThat(chromium.driver.findElement(By.name("code")).getAttribute("value")).isEqualTo(code);
        console.checked("console-join-" + fragment.substring(1, fragment.indexOf('/')) + "-link.png", "the mailed link opened");
    }

    /** Waits for a step's panel, with no error shown; screenshot and axe. */
    private void shows(String heading, String screenshot) throws Exception {
        console.waitFor(heading);
        console.showsNoError();
        console.checked(screenshot, heading);
    }

    /** Waits for a refusal in words, never a status code; screenshot and axe. */
    private void refused(String sentence, String screenshot) throws Exception {
        console.waitFor(sentence);
        console.showsNoStatusCode();
        console.checked(screenshot, sentence);
    }

    /** Follows the panel's Sign in link and signs in, landing on the role's home. */
    private void signsIn(String email, String hash, String title) {
        chromium.driver.findElement(By.linkText("Sign in")).click();
        console.signIn(email);
        console.landsOn(hash, title);
    }

    private void onView(String title) {
        chromium.wait.until(driver -> title.equals(driver.findElement(By.tagName("h1")).getText()));
    }

    /** Submits once the form is free (a form is busy while its request is out). */
    private void submit(WebElement form) {
        chromium.wait.until(driver -> ConsoleSteps.ok(() -> form.getAttribute("aria-busy") == null));
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private void signOut() {
        chromium.driver.findElement(By.id("sign-out")).click();
        chromium.wait.until(driver -> driver.findElement(By.id("sign-in")));
    }

    private List<Map<String, Object>> administrators(String operator, UUID organization) {
        return api.query().get().uri("/api/organizations/{o}/administrators", organization)
                .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isOk()
                .expectBody(new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody();
    }
}
