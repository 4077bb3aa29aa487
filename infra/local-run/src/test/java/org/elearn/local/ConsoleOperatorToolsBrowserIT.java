package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.events.course.CourseDrafted;
import org.elearn.testsupport.MovableClock;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.http.MediaType;

/**
 * The operator's tools in headless Chromium: the consistency check run for one organization (its
 * name holding markup, shown as typed) until it says consistent; a legal hold refused for a bad id,
 * placed on a trainee (whose learning record then shows) and lifted; a real dead letter (an event
 * PostgreSQL refuses, as in {@link PoisonEventIT}) retried, failing again, and skipped; the
 * retention job run, erasing the member its policy made due; an account cancellation shown as
 * overdue once the clock has passed its one-month deadline. axe-core and the Content-Security-Policy
 * on every view; screenshots: {@code target/console-ops-*.png}.
 *
 * <p>Services of its own, not the shared pair: it moves the command side's clock, parks an event,
 * and the retention job and the checks span every organization.
 */
class ConsoleOperatorToolsBrowserIT {

    private final MovableClock clock = new MovableClock();
    private Chromium chromium;
    private LocalApi api;
    private ConsoleSteps console;

    @BeforeEach
    void start() throws Exception {
        chromium = Chromium.start();
        // a cancellation's cool-off longer than the month a request may stay open, so it can be overdue
        api = LocalApi.withSettingsAndClock(TestDatabases.create(), "target/console-ops-secrets",
                Map.of("learning.cancellation.cool-off", "60d"), clock);
        console = new ConsoleSteps(chromium, api);
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void anOperatorChecksHoldsHandlesDeadLettersRunsRetentionAndSeesOverdueRequests() throws Exception {
        console.screenshotOnFailure("console-ops-failure.png", this::walk);
    }

    private void walk() throws Exception {
        String operator = api.operator();
        String name = "<b>Ops</b> Org";
        LocalApi.TrainingOrganization org = api.organizationWithTrainees(operator, name, "Rae", "ops.example",
                LocalApi.ANN_BEN_CID);
        UUID ann = api.memberId(org.admin(), org.id(), "Ann");
        UUID ben = api.memberId(org.admin(), org.id(), "Ben");
        api.ingest(org.credential(), List.of(LocalApi.experienced(org.email("ann"), "PT1H")));
        String tia = api.joined(operator, org.admin(), org.id(), org.email("tia"), "TRAINEE");

        console.open("");
        console.signIn(LocalApi.OPERATOR_EMAIL, LocalApi.OPERATOR_PASSWORD);
        console.landsOn("#/operator", "Operator");
        assertThat(console.body()).contains("Dead letters", "Consistency check", "Legal holds", "Retention runs",
                "Overdue rights requests");
        console.checked("console-ops-home.png", "the operator's home with the tools");

        // the consistency check of one organization, asked again while the projections catch up
        console.go("Consistency check", "Consistency check");
        WebElement check = chromium.driver.findElement(By.id("consistency-check"));
        chromium.wait.until(driver -> ConsoleSteps.ok(() -> new Select(check.findElement(By.name("organization")))
                .getOptions().stream().anyMatch(o -> o.getText().equals(name))));
        new Select(check.findElement(By.name("organization"))).selectByVisibleText(name);
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            submit(check);
            return console.body().contains("Consistent: every total matches the event history.");
        });
        assertThat(chromium.driver.getCurrentUrl()).endsWith("#/operator/consistency?organization=" + org.id());
        assertThat(chromium.driver.findElement(By.id("consistency")).getText())
                .contains("learning-report: totals of " + name, "trainees", "learning-activity: caught up");
        console.showsNoError();
        console.checked("console-ops-consistency.png", "the consistency check");

        // a legal hold: a bad id refused on its field, then Ann held, her record shown, and lifted
        console.go("Legal holds", "Legal holds");
        console.waitFor("Nothing to show.");
        WebElement place = chromium.driver.findElement(By.id("place-hold"));
        place.findElement(By.name("userId")).sendKeys("ann@ops.example");
        submit(place);
        console.waitFor("A user id looks like");
        assertThat(place.findElement(By.name("userId")).getAttribute("aria-invalid")).isEqualTo("true");
        chromium.assertAccessible("a hold refused for a bad id");
        place.findElement(By.name("userId")).clear();
        place.findElement(By.name("userId")).sendKeys(ann.toString());
        submit(place);
        console.waitFor("The processing of " + ann + " is restricted.");
        By annHeld = By.cssSelector("#legal-hold tr[data-key='" + ann + "']");
        readAgainUntil("#legal-hold", () -> !chromium.driver.findElements(annHeld).isEmpty());
        WebElement held = chromium.driver.findElement(annHeld);
        assertThat(held.getText()).contains(name, "Ann", org.email("ann"), "Sales", "1 h");
        assertThat(chromium.driver.getCurrentUrl()).doesNotContain(ann.toString());
        console.showsNoError();
        console.checked("console-ops-legal-hold.png", "a learning record on hold");
        console.button("Lift the hold on Ann").click();
        console.waitFor("The hold on Ann is lifted");
        readAgainUntil("#legal-hold", () -> chromium.driver.findElements(annHeld).isEmpty());
        assertThat(api.query().get().uri("/api/operations/legal-hold").headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .doesNotContain(ann.toString());
        console.showsNoError();

        // a dead letter: an event PostgreSQL refuses (a NUL), written past the command side's checks
        console.go("Dead letters", "Dead letters");
        console.waitFor("No event is parked");
        chromium.assertAccessible("no dead letters");
        UUID poison = UUID.randomUUID();
        api.services().commandSide().getBean(EventStore.class).publish(new GenericDomainEventMessage<>("Course",
                poison.toString(), 0, new CourseDrafted(poison, org.id(), UUID.randomUUID(), "Poison\u0000title",
                "secret-description", "en", List.of())));
        By courses = By.cssSelector("#dead-letters section[data-group='courses']");
        // the page reads a group's count and its letters one after the other; on a busy machine the
        // list can come back without the letter for a moment while the count has it: read again
        // until the letter itself shows, not only its group
        readAgainUntil("#dead-letters", () -> chromium.driver.findElement(courses).getText().contains("CourseDrafted"));
        assertThat(chromium.driver.findElement(courses).getText()).contains("Parked: 1.", "CourseDrafted", "SQL state 22021")
                .doesNotContain("Poison", "secret-description");
        console.showsNoError();
        console.checked("console-ops-dead-letters.png", "a dead letter");
        chromium.driver.findElement(courses).findElement(By.cssSelector("button[aria-label^='Retry']")).click();
        console.waitFor("failed again and stays parked.");
        chromium.wait.until(driver -> ConsoleSteps.ok(() -> driver.findElement(courses).findElement(
                By.cssSelector("tbody td.num:nth-of-type(6)")).getText().equals("1")));
        console.showsNoError();
        console.checked("console-ops-dead-letter-retried.png", "a dead letter retried");
        chromium.driver.findElement(courses).findElement(By.cssSelector("button[aria-label^='Skip']")).click();
        console.waitFor("is skipped.");
        chromium.wait.until(driver -> driver.findElements(courses).isEmpty());
        api.query().get().uri("/api/operations/dead-letters").headers(h -> h.setBearerAuth(operator)).exchange()
                .expectBody().jsonPath("$[?(@.processingGroup == 'courses')].total").isEqualTo(0);
        console.showsNoError();

        // a retention policy makes Ben, deactivated, due once the clock has passed 30 days; Tia's
        // cancellation is then past its one-month answer deadline (its cool-off is 60 days)
        api.command().put().uri("/api/organizations/{o}/retention-policy", org.id())
                .headers(h -> h.setBearerAuth(org.admin())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("afterDeactivationDays", 30)).exchange().expectStatus().isOk();
        api.command().post().uri("/api/organizations/{o}/members/{m}/deactivation", org.id(), ben)
                .headers(h -> h.setBearerAuth(org.admin())).exchange().expectStatus().is2xxSuccessful();
        api.command().post().uri("/api/me/cancellation").headers(h -> h.setBearerAuth(tia)).exchange()
                .expectStatus().isAccepted();
        clock.advance(Duration.ofDays(32));
        // the dry run reads the retention facts, which follow the deactivation a moment later
        await().atMost(Duration.ofSeconds(60)).until(() -> api.command().get()
                .uri("/api/organizations/{o}/retention-policy/dry-run", org.id()).headers(h -> h.setBearerAuth(org.admin()))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody()
                .contains(ben.toString()));

        console.go("Retention runs", "Retention runs");
        console.waitFor("None started since you signed in.");
        submit(chromium.driver.findElement(By.id("retention-run")));
        console.waitFor("The retention job ran. Members erased: 1.");
        assertThat(chromium.driver.findElement(By.id("retention-runs")).getText()).contains("Ran");
        assertThat(api.command().get().uri("/api/organizations/{o}/retention-policy/dry-run", org.id())
                .headers(h -> h.setBearerAuth(org.admin())).exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody()).doesNotContain(ben.toString());
        console.showsNoError();
        console.checked("console-ops-retention.png", "a retention run");

        console.go("Overdue rights requests", "Overdue rights requests");
        UUID tiaId = LocalApi.subjectOf(tia);
        WebElement overdue = chromium.wait.until(driver -> driver.findElement(By.cssSelector("#overdue tbody tr")));
        chromium.wait.until(driver -> ConsoleSteps.ok(() -> driver.findElement(By.id("overdue")).getText()
                .contains(tiaId.toString())));
        assertThat(chromium.driver.findElement(By.id("overdue")).getText())
                .contains("Account cancellation", name, "1–1 of 1");
        assertThat(overdue).isNotNull();
        console.showsNoError();
        console.checked("console-ops-overdue.png", "the overdue rights requests");
        chromium.assertNoPolicyViolations();
    }

    /**
     * Until the page shows what the check looks for: the page reads again after a change only for a
     * few seconds, and the query side may take longer on a busy machine, so the test asks again
     * (the page's Read again), waiting for the list under {@code busy} to be free each time.
     */
    private void readAgainUntil(String busy, java.util.function.BooleanSupplier shown) {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            if (ConsoleSteps.ok(shown)) {
                return true;
            }
            chromium.driver.findElement(By.xpath("//main//button[text()='Read again']")).click();
            chromium.wait.until(driver -> ConsoleSteps.ok(() ->
                    driver.findElement(By.cssSelector(busy)).getAttribute("aria-busy") == null));
            return false;
        });
    }

    /** Submits a form and waits until it is free again. */
    private void submit(WebElement form) {
        form.findElement(By.cssSelector("button[type=submit]")).click();
        chromium.wait.until(driver -> form.getAttribute("aria-busy") == null);
    }
}
