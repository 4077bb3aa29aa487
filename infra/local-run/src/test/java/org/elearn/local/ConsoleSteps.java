package org.elearn.local;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The steps a console browser test takes: open the console, sign in, follow a navigation link,
 * wait for text, screenshot and axe check a view. One per test, over its {@link Chromium}.
 */
final class ConsoleSteps {

    private final Chromium chromium;
    private final LocalApi api;

    ConsoleSteps(Chromium chromium, LocalApi api) {
        this.chromium = chromium;
        this.api = api;
    }

    void open(String hash) {
        chromium.driver.get("http://localhost:" + api.services().querySidePort() + "/console/index.html" + hash);
    }

    void signIn(String email) {
        signIn(email, ConsoleBrowserIT.PASSWORD);
    }

    void signIn(String email, String password) {
        WebElement form = chromium.wait.until(driver -> driver.findElement(By.id("sign-in")));
        form.findElement(By.name("email")).sendKeys(email);
        form.findElement(By.name("password")).sendKeys(password);
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** A test's steps, which may throw. */
    interface Walk {
        void run() throws Exception;
    }

    /** Takes the steps; when one fails, saves what the page showed to target/{screenshot}, then fails. */
    void screenshotOnFailure(String screenshot, Walk walk) throws Exception {
        try {
            walk.run();
        } catch (Throwable e) {
            chromium.screenshot(screenshot);
            throw e;
        }
    }

    /** Follows the header's navigation link and waits for the page's h1. */
    void go(String link, String title) {
        chromium.driver.findElement(By.cssSelector("#top nav")).findElement(By.linkText(link)).click();
        chromium.wait.until(driver -> title.equals(driver.findElement(By.tagName("h1")).getText()));
    }

    void landsOn(String hash, String title) {
        chromium.wait.until(driver -> driver.getCurrentUrl().endsWith(hash)
                && title.equals(driver.findElement(By.tagName("h1")).getText()));
    }

    void waitFor(String text) {
        chromium.wait.until(driver -> body().contains(text));
    }

    /** The button with this accessible name, once it is there. */
    WebElement button(String label) {
        return chromium.wait.until(driver -> driver.findElement(By.cssSelector("button[aria-label='" + label + "']")));
    }

    /** Saves a screenshot to target/ and runs axe-core on the view. */
    void checked(String screenshot, String what) throws Exception {
        chromium.screenshot(screenshot);
        chromium.assertAccessible(what);
    }

    String body() {
        return chromium.driver.findElement(By.tagName("body")).getText();
    }

    /**
     * Fails if the view shows an error: an alert with text, a status code or an HTTP reason where
     * the console speaks to the user, or the words the console uses for a refusal or an ended
     * session.
     */
    void showsNoError() {
        // read in one script: the view may be redrawn between finding an element and reading it
        String alerts = (String) chromium.script("return Array.from(document.querySelectorAll('[role=alert]'))"
                + ".map(e => e.innerText.trim()).filter(text => text).join('\\n');");
        org.assertj.core.api.Assertions.assertThat(alerts).as("errors shown").isEmpty();
        showsNoStatusCode();
        org.assertj.core.api.Assertions.assertThat(body())
                .doesNotContain("Your account may not do this").doesNotContain("Your session has ended");
    }

    /**
     * Fails if the page speaks in status codes: no HTTP reason in the page's main part, and no bare
     * 401 or 403 in its title or its messages. Codes are not looked for in the rest: a generated
     * address ("tia-ca57e403@…") or an event's position (401) may well hold those digits.
     */
    void showsNoStatusCode() {
        String main = chromium.driver.findElement(By.id("main")).getText();
        org.assertj.core.api.Assertions.assertThat(main).doesNotContain("Forbidden").doesNotContain("Unauthorized");
        String spoken = (String) chromium.script("return Array.from(document.querySelectorAll("
                + "'#main h1, #main .message, #main [role=alert], #main [role=status]')).map(e => e.innerText).join('\\n');");
        org.assertj.core.api.Assertions.assertThat(spoken).doesNotContainPattern("\\b40[13]\\b");
    }

    /** The check's answer, or false while the page is being redrawn under it. */
    static boolean ok(java.util.function.BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (org.openqa.selenium.WebDriverException e) {
            return false;
        }
    }
}
