package org.elearn.command.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.command.CommandSideTest;
import org.elearn.command.notification.Outbox;
import org.elearn.command.web.TestAccounts;
import org.elearn.command.web.TestAccounts.Login;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Consent over HTTP: decisions, the current state and the history, the cookie banner, bad input,
 * and the marketing outbox that sends nothing without consent and offers a one-click unsubscribe.
 */
@CommandSideTest
class ConsentTest {

    @Autowired
    WebTestClient web;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;
    @Autowired
    Outbox outbox;
    @Autowired
    UnsubscribeLinks links;
    @Autowired
    TransactionTemplate tx;


    private Login user() {
        return TestAccounts.loggedIn(context, web, UUID.randomUUID(), "TRAINEE", "long-enough-password");
    }

    private WebTestClient.ResponseSpec decide(Login user, String purpose, boolean granted, String version) {
        return web.put().uri("/api/me/consents/{p}", purpose).headers(h -> h.setBearerAuth(user.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("granted", granted, "policyVersion", version, "channel", "WEB")).exchange();
    }

    private void drain() {
        // the drainer runs every 500 ms; a marketing message is either in the mailbox or gone after it
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM notification_outbox", Long.class) == 0);
    }

    private List<Map<String, Object>> mailbox(String email) {
        return jdbc.queryForList("SELECT subject, headers FROM local_mailbox WHERE recipient = ?", email);
    }

    @Test
    void aDecisionIsTheCurrentStateAndItsHistoryIsKept() {
        Login user = user();
        decide(user, "MARKETING_EMAIL", true, "1").expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("GRANTED").jsonPath("$.policyVersion").isEqualTo("1")
                .jsonPath("$.channel").isEqualTo("WEB");
        decide(user, "MARKETING_EMAIL", false, "1").expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("WITHDRAWN");

        web.get().uri("/api/me/consents").headers(h -> h.setBearerAuth(user.token())).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.currentPolicyVersion").isEqualTo("1")
                .jsonPath("$.purposes[?(@.purpose == 'MARKETING_EMAIL')].state").isEqualTo("WITHDRAWN")
                .jsonPath("$.purposes[?(@.purpose == 'ANALYTICS_COOKIES')].state").isEqualTo("NOT_ASKED")
                .jsonPath("$.purposes[?(@.purpose == 'PERSONALISATION')].state").isEqualTo("NOT_ASKED");
        web.get().uri("/api/me/consents/history").headers(h -> h.setBearerAuth(user.token())).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(2)
                .jsonPath("$[0].decision").isEqualTo("GRANTED")
                .jsonPath("$[1].decision").isEqualTo("WITHDRAWN")
                .jsonPath("$[1].channel").isEqualTo("WEB");
    }

    @Test
    void anUnknownPurposeIsA404NamingTheKnownOnes() {
        Login user = user();
        decide(user, "TELEPATHY", true, "1").expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:unknown-purpose")
                .jsonPath("$.purposes[0]").isEqualTo("MARKETING_EMAIL");
    }

    @Test
    void withdrawingAConsentNeverGivenIsAConflictAndStoresNothing() {
        Login user = user();
        decide(user, "PERSONALISATION", false, "1").expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:consent-not-given");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM consent_state WHERE user_id = ?", Long.class, user.id()))
                .isZero();
    }

    @Test
    void aGrantMustAnswerTheCurrentPolicyVersion() {
        Login user = user();
        decide(user, "MARKETING_EMAIL", true, "0").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:stale-policy-version")
                .jsonPath("$.currentPolicyVersion").isEqualTo("1");
    }

    @Test
    void aDecisionWithoutChannelOrWithAnUnknownOneIsA400() {
        Login user = user();
        web.put().uri("/api/me/consents/MARKETING_EMAIL").headers(h -> h.setBearerAuth(user.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("granted", true, "policyVersion", "1"))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.put().uri("/api/me/consents/MARKETING_EMAIL").headers(h -> h.setBearerAuth(user.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("granted", true, "policyVersion", "1", "channel", "PIGEON"))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theCurrentStateSaysWhichLimitsAreInPlace() {
        Login user = user();
        web.get().uri("/api/me/consents").headers(h -> h.setBearerAuth(user.token())).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.restricted").isEqualTo(false).jsonPath("$.objected").isEqualTo(false);
        web.post().uri("/api/users/{u}/restriction", user.id()).headers(h -> h.setBearerAuth(user.token()))
                .exchange().expectStatus().is2xxSuccessful();
        web.get().uri("/api/me/consents").headers(h -> h.setBearerAuth(user.token())).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.restricted").isEqualTo(true).jsonPath("$.objected").isEqualTo(false);
        web.post().uri("/api/users/{u}/objection", user.id()).headers(h -> h.setBearerAuth(user.token()))
                .exchange().expectStatus().is2xxSuccessful();
        web.delete().uri("/api/users/{u}/restriction", user.id()).headers(h -> h.setBearerAuth(user.token()))
                .exchange().expectStatus().is2xxSuccessful();
        web.get().uri("/api/me/consents").headers(h -> h.setBearerAuth(user.token())).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.restricted").isEqualTo(false).jsonPath("$.objected").isEqualTo(true);
    }

    @Test
    void consentsNeedAToken() {
        web.get().uri("/api/me/consents").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theCookieBannerChoiceIsStoredAndReadBack() {
        Login user = user();
        web.get().uri("/api/me/cookie-consent").headers(h -> h.setBearerAuth(user.token())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.decided").isEqualTo(false);

        web.put().uri("/api/me/cookie-consent").headers(h -> h.setBearerAuth(user.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("analytics", false, "personalisation", true, "policyVersion", "1"))
                .exchange().expectStatus().isOk();

        web.get().uri("/api/me/cookie-consent").headers(h -> h.setBearerAuth(user.token())).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.decided").isEqualTo(true)
                .jsonPath("$.analytics").isEqualTo(false)
                .jsonPath("$.personalisation").isEqualTo(true)
                .jsonPath("$.purposes.ANALYTICS_COOKIES.state").isEqualTo("DECLINED")
                .jsonPath("$.purposes.PERSONALISATION.channel").isEqualTo("COOKIE_BANNER");
    }

    @Test
    void aMarketingMessageIsNeverSentWithoutConsent() {
        Login never = user();
        Login withdrew = user();
        decide(withdrew, "MARKETING_EMAIL", true, "1").expectStatus().isOk();
        // queued while consent was given, withdrawn before the drainer sees the message: not sent
        tx.executeWithoutResult(status -> {
            outbox.enqueue(Outbox.Kind.MARKETING, never.id().toString(), never.email(), "News", "Buy now");
            outbox.enqueue(Outbox.Kind.MARKETING, withdrew.id().toString(), withdrew.email(), "News", "Buy now");
            outbox.enqueue(Outbox.Kind.TRANSACTIONAL, never.id().toString(), never.email(), "Receipt", "Thanks");
            decide(withdrew, "MARKETING_EMAIL", false, "1").expectStatus().isOk();
        });

        drain();

        assertThat(mailbox(withdrew.email())).isEmpty();
        assertThat(mailbox(never.email())).extracting(m -> m.get("subject")).containsExactly("Receipt");
    }

    @Test
    void aMarketingMessageQueuedBeforeTheRecipientRestrictedProcessingIsNotSent() {
        Login user = user();
        decide(user, "MARKETING_EMAIL", true, "1").expectStatus().isOk();
        tx.executeWithoutResult(status -> {
            outbox.enqueue(Outbox.Kind.MARKETING, user.id().toString(), user.email(), "News", "Buy now");
            web.post().uri("/api/users/{u}/restriction", user.id()).headers(h -> h.setBearerAuth(user.token()))
                    .exchange().expectStatus().is2xxSuccessful();
        });

        drain();

        assertThat(mailbox(user.email())).isEmpty();
    }

    @Test
    void aMarketingMessageWithConsentCarriesAOneClickUnsubscribeThatWorksWithoutLogin() {
        Login user = user();
        decide(user, "MARKETING_EMAIL", true, "1").expectStatus().isOk();
        outbox.enqueue(Outbox.Kind.MARKETING, user.id().toString(), user.email(), "News", "Hello");
        drain();

        List<Map<String, Object>> mail = mailbox(user.email());
        assertThat(mail).hasSize(1);
        String headers = mail.get(0).get("headers").toString();
        assertThat(headers).contains("\"List-Unsubscribe-Post\":\"List-Unsubscribe=One-Click\"");
        String url = headers.replaceAll("(?s).*\"List-Unsubscribe\":\"<([^>]+)>\".*", "$1");
        assertThat(url).startsWith("http://localhost:8080/api/unsubscribe?token=").doesNotContain(user.email());
        String path = url.substring("http://localhost:8080".length());

        // a GET (a link scanner, or a person who opened the link) only shows a page; the body must be the one-click form
        web.get().uri(path).exchange().expectStatus().isOk();
        web.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("something", "else")).exchange().expectStatus().isBadRequest();
        for (int click = 0; click < 2; click++) {
            web.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData("List-Unsubscribe", "One-Click")).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("WITHDRAWN");
        }
        web.get().uri("/api/me/consents/history").headers(h -> h.setBearerAuth(user.token())).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(2)
                .jsonPath("$[1].decision").isEqualTo("WITHDRAWN")
                .jsonPath("$[1].channel").isEqualTo("EMAIL");

        outbox.enqueue(Outbox.Kind.MARKETING, user.id().toString(), user.email(), "More news", "Hello again");
        drain();
        assertThat(mailbox(user.email())).hasSize(1);
    }

    @Test
    void aForgedUnsubscribeTokenIsRefused() {
        Login user = user();
        decide(user, "MARKETING_EMAIL", true, "1").expectStatus().isOk();
        String genuine = links.token(user.id(), "MARKETING_EMAIL");
        String forged = links.token(UUID.randomUUID(), "MARKETING_EMAIL").split("\\.")[0] + "." + genuine.split("\\.")[1];

        web.post().uri("/api/unsubscribe?token={t}", forged).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("List-Unsubscribe", "One-Click")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:invalid-unsubscribe-link");
        assertThat(jdbc.queryForObject("SELECT state FROM consent_state WHERE user_id = ? AND purpose = ?",
                String.class, user.id(), "MARKETING_EMAIL")).isEqualTo("GRANTED");
    }
}
