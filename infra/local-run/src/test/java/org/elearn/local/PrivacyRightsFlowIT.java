package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.command.notification.Outbox;
import org.elearn.command.rights.CoolOffJob;
import org.elearn.testsupport.MovableClock;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Privacy rights over HTTP on both services: consent and the cookie banner, a marketing mail that needs
 * consent and carries a one-click unsubscribe, and an account cancellation that is withdrawn, made
 * again, and erases the user once the (moved) clock passes the end of the cool-off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class PrivacyRightsFlowIT {

    private final MovableClock clock = new MovableClock();
    private LocalApi api;
    private String operator;
    private UUID organization;
    private LocalApi.Admin admin;

    @BeforeAll
    void start() {
        api = new LocalApi(TestDatabases.create(), "target/privacy-rights-secrets", clock);
        operator = api.operator();
        organization = api.organization(operator, "Rights Training");
        admin = api.approvedAdmin(operator, organization, "Rita", "rita-" + UUID.randomUUID() + "@org.example");
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private WebTestClient command() {
        return api.command();
    }

    private <T> T commandSideBean(Class<T> type) {
        return api.services().commandSide().getBean(type);
    }

    private void marketingMail(UUID user, String email, String subject) {
        commandSideBean(Outbox.class).enqueue(Outbox.Kind.MARKETING, user.toString(), email, subject, "Our new courses");
        await().atMost(Duration.ofSeconds(60)).until(() -> commandSideBean(JdbcTemplate.class)
                .queryForObject("SELECT count(*) FROM notification_outbox", Long.class) == 0);
    }

    private List<String> mailSubjects(String email) {
        return api.mailbox(operator, email).stream().map(m -> m.get("subject").toString()).toList();
    }

    @Test
    void consentDecidesWhatMarketingMailLeavesAndOneClickWithdrawsIt() {
        String email = "tom-" + UUID.randomUUID() + "@rights.example";
        String trainee = api.joined(operator, admin.token(), organization, email, "TRAINEE");
        UUID user = LocalApi.subjectOf(trainee);

        marketingMail(user, email, "Without consent");
        assertThat(mailSubjects(email)).doesNotContain("Without consent");

        command().put().uri("/api/me/consents/MARKETING_EMAIL").headers(h -> h.setBearerAuth(trainee))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("granted", true, "policyVersion", "1", "channel", "WEB"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("GRANTED");
        command().put().uri("/api/me/cookie-consent").headers(h -> h.setBearerAuth(trainee))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("analytics", true, "personalisation", false, "policyVersion", "1"))
                .exchange().expectStatus().isOk();
        command().get().uri("/api/me/cookie-consent").headers(h -> h.setBearerAuth(trainee)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.decided").isEqualTo(true)
                .jsonPath("$.analytics").isEqualTo(true)
                .jsonPath("$.personalisation").isEqualTo(false);

        marketingMail(user, email, "With consent");
        Map<?, ?> mail = api.mailbox(operator, email).stream().filter(m -> m.get("subject").equals("With consent"))
                .findFirst().orElseThrow();
        Map<?, ?> headers = (Map<?, ?>) mail.get("headers");
        assertThat(headers.get("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        String link = headers.get("List-Unsubscribe").toString().replaceAll("^<(.*)>$", "$1");
        assertThat(link).doesNotContain(email).contains("/api/unsubscribe?token=");

        // the mail client posts the link, with no login
        command().post().uri(link.substring(link.indexOf("/api/"))).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("List-Unsubscribe", "One-Click")).exchange()
                .expectStatus().isOk();

        command().get().uri("/api/me/consents").headers(h -> h.setBearerAuth(trainee)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.purposes[?(@.purpose == 'MARKETING_EMAIL')].state").isEqualTo("WITHDRAWN")
                .jsonPath("$.purposes[?(@.purpose == 'MARKETING_EMAIL')].channel").isEqualTo("EMAIL")
                .jsonPath("$.purposes[?(@.purpose == 'ANALYTICS_COOKIES')].state").isEqualTo("GRANTED")
                .jsonPath("$.purposes[?(@.purpose == 'PERSONALISATION')].state").isEqualTo("DECLINED");
        command().get().uri("/api/me/consents/history").headers(h -> h.setBearerAuth(trainee)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(4);
        marketingMail(user, email, "After unsubscribing");
        assertThat(mailSubjects(email)).containsOnly("With consent", "Your invitation")
                .doesNotContain("After unsubscribing");
    }

    @Test
    void anAdministratorsMarketingMailReachesConsentingMembersOnlyAndItsLinkUnsubscribesInABrowser() {
        UUID newsletterOrg = api.organization(operator, "Newsletter Training");
        LocalApi.Admin sender = api.approvedAdmin(operator, newsletterOrg, "Nell",
                "nell-" + UUID.randomUUID() + "@org.example");
        String email = "mia-" + UUID.randomUUID() + "@rights.example";
        String silentEmail = "sam-" + UUID.randomUUID() + "@rights.example";
        String member = api.joined(operator, sender.token(), newsletterOrg, email, "TRAINEE");
        api.joined(operator, sender.token(), newsletterOrg, silentEmail, "TRAINEE");
        command().put().uri("/api/me/consents/MARKETING_EMAIL").headers(h -> h.setBearerAuth(member))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("granted", true, "policyVersion", "1", "channel", "WEB"))
                .exchange().expectStatus().isOk();

        sendMarketing(sender.token(), newsletterOrg, "Autumn courses").jsonPath("$.recipients").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> mailSubjects(email).contains("Autumn courses"));
        Map<?, ?> mail = api.mailbox(operator, email).get(0);
        Map<?, ?> headers = (Map<?, ?>) mail.get("headers");
        assertThat(headers.get("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        String link = headers.get("List-Unsubscribe").toString().replaceAll("^<(.*)>$", "$1");
        assertThat(mail.get("body").toString()).contains(link);
        await().atMost(Duration.ofSeconds(10)).until(() -> commandSideBean(JdbcTemplate.class)
                .queryForObject("SELECT count(*) FROM notification_outbox", Long.class) == 0);
        assertThat(mailSubjects(silentEmail)).containsOnly("Your invitation");

        // the member opens the link from the mail's text: a page whose button posts the one-click form
        String path = link.substring(link.indexOf("/api/"));
        String page = command().get().uri(path).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().exists("Content-Security-Policy")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<form method=\"post\"").doesNotContain("<script");
        String action = page.replaceAll("(?s).*action=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
        assertThat(URI.create(link).resolve(action).toString()).isEqualTo(link);
        command().post().uri(path).accept(MediaType.TEXT_HTML).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("List-Unsubscribe", "One-Click")).exchange()
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);

        command().get().uri("/api/me/consents").headers(h -> h.setBearerAuth(member)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.purposes[?(@.purpose == 'MARKETING_EMAIL')].state").isEqualTo("WITHDRAWN")
                .jsonPath("$.purposes[?(@.purpose == 'MARKETING_EMAIL')].channel").isEqualTo("EMAIL");
        sendMarketing(sender.token(), newsletterOrg, "Winter courses").jsonPath("$.recipients").isEqualTo(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> commandSideBean(JdbcTemplate.class)
                .queryForObject("SELECT count(*) FROM notification_outbox", Long.class) == 0);
        assertThat(mailSubjects(email)).containsOnly("Autumn courses", "Your invitation");
    }

    private WebTestClient.BodyContentSpec sendMarketing(String admin, UUID organizationId, String subject) {
        return command().post().uri("/api/organizations/{o}/marketing-messages", organizationId)
                .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", subject, "text", "Our new courses are open.")).exchange()
                .expectStatus().isAccepted().expectBody();
    }

    @Test
    void aCancellationIsWithdrawnThenMadeAgainAndErasesTheUserWhenTheCoolOffEnds() {
        String email = "cara-" + UUID.randomUUID() + "@rights.example";
        String trainee = api.joined(operator, admin.token(), organization, email, "TRAINEE");
        UUID user = LocalApi.subjectOf(trainee);
        Map<String, String> credentials = Map.of("email", email, "password", "long-enough-password");

        Map<String, Object> cancelled = command().post().uri("/api/me/cancellation")
                .headers(h -> h.setBearerAuth(trainee)).exchange()
                .expectStatus().isAccepted().expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        assertThat(cancelled).containsEntry("state", "OPEN");
        command().get().uri("/api/me").headers(h -> h.setBearerAuth(trainee)).exchange()
                .expectStatus().isUnauthorized();
        // the organization's member list shows the pending cancellation, and when the erasure is due
        // (PostgreSQL keeps microseconds, rounded)
        Instant due = Instant.parse((String) cancelled.get("erasureDueAt"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(cancellationShown(email)).isNotNull().satisfies(shown ->
                        assertThat(Instant.parse((String) shown)).isCloseTo(due, within(1, ChronoUnit.MICROS))));
        command().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue(credentials)
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:account-cancelled");

        command().post().uri("/api/cancellation/withdrawal").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(credentials).exchange().expectStatus().isNoContent();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(cancellationShown(email)).isNull());
        String again = api.login(email, "long-enough-password");
        command().post().uri("/api/me/cancellation").headers(h -> h.setBearerAuth(again)).exchange()
                .expectStatus().isAccepted();

        command().get().uri("/api/organizations/{o}/rights-requests", organization)
                .headers(h -> h.setBearerAuth(admin.token())).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.subjectId == '" + user + "')].state").value(states ->
                        assertThat((List<Object>) states).containsExactlyInAnyOrder("OPEN", "WITHDRAWN"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(cancellationShown(email)).isNotNull());

        clock.advance(Duration.ofDays(14).plusMinutes(1));
        commandSideBean(CoolOffJob.class).run();

        command().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue(credentials)
                .exchange().expectStatus().isUnauthorized();
        command().get().uri("/api/organizations/{o}/rights-requests", organization)
                .headers(h -> h.setBearerAuth(admin.token())).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.subjectId == '" + user + "')].state").value(states ->
                        assertThat((List<Object>) states).containsExactlyInAnyOrder("COMPLETED", "WITHDRAWN"))
                .jsonPath("$[?(@.state == 'COMPLETED')].handledBy").isEqualTo("system");
        // the query side follows the erasure: the export is gone for good, and so is the member
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api.query().get()
                .uri("/api/users/{id}/personal-data", user).headers(h -> h.setBearerAuth(admin.token())).exchange()
                .expectStatus().isEqualTo(410));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(members(email)).isEmpty());
    }

    /** The members the administrator finds by this email on the query side. */
    private List<Map<String, Object>> members(String email) {
        Map<String, Object> page = api.query().get()
                .uri(b -> b.path("/api/organizations/{o}/members").queryParam("q", email).build(organization))
                .headers(h -> h.setBearerAuth(admin.token())).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        return items;
    }

    /** When the member list says this member's account will be erased; null if no cancellation is pending. */
    private Object cancellationShown(String email) {
        List<Map<String, Object>> found = members(email);
        assertThat(found).hasSize(1);
        return found.get(0).get("cancellationErasureDueAt");
    }
}
