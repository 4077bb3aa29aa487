package org.elearn.command.rights;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.command.CommandSideTest;
import org.elearn.command.web.TestAccounts;
import org.elearn.command.web.TestAccounts.Login;
import org.elearn.command.web.TestTokens;
import org.elearn.support.security.AuthProperties;
import org.elearn.testsupport.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Account cancellation over HTTP: deactivation and token revocation at once, withdrawal during the
 * cool-off, erasure when the (moved) clock passes its end, and the rights-request tracking.
 */
@CommandSideTest
class CancellationTest {

    private static final String PASSWORD = "long-enough-password";

    @Autowired
    WebTestClient web;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;
    @Autowired
    RSAKey signingKey;
    @Autowired
    AuthProperties auth;
    @Autowired
    MovableClock clock;
    @Autowired
    CoolOffJob job;


    private Login user(UUID organization) {
        return TestAccounts.loggedIn(context, web, organization, "TRAINEE", PASSWORD);
    }

    private WebTestClient.ResponseSpec cancel(String token) {
        return web.post().uri("/api/me/cancellation").headers(h -> h.setBearerAuth(token)).exchange();
    }

    private WebTestClient.ResponseSpec withdraw(Login user, String password) {
        return web.post().uri("/api/cancellation/withdrawal").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", user.email(), "password", password)).exchange();
    }

    private WebTestClient.ResponseSpec login(Login user) {
        return web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", user.email(), "password", PASSWORD)).exchange();
    }

    /** A hand-signed token, issued under a later session version than any revocation here. */
    private String token(UUID subject, UUID organization, String role) {
        try {
            return TestTokens.sign(signingKey, TestTokens.claims(auth.issuer(), auth.audience(),
                            Instant.now().plusSeconds(300))
                    .subject(subject.toString()).claim("roles", List.of(role)).claim("org", organization.toString())
                    .claim("sv", 1_000).build());
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> request(UUID subject) {
        return jdbc.queryForMap("SELECT * FROM rights_request WHERE subject_id = ?", subject);
    }

    @Test
    void cancellingDeactivatesTheAccountAndRevokesEveryTokenAtOnce() {
        Login user = user(UUID.randomUUID());
        String otherSession = TestTokens.login(web, user.email(), PASSWORD);

        Map<?, ?> answer = cancel(user.token()).expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody();

        Instant requestedAt = Instant.parse(answer.get("requestedAt").toString());
        assertThat(Instant.parse(answer.get("erasureDueAt").toString())).isEqualTo(requestedAt.plus(Duration.ofDays(14)));
        for (String token : List.of(user.token(), otherSession)) {
            web.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isUnauthorized();
        }
        login(user).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:account-cancelled");
        assertThat(request(user.id())).containsEntry("state", "OPEN").containsEntry("kind", "CANCELLATION")
                .containsEntry("organization_id", user.organization());
    }

    @Test
    void cancellingTwiceIsAConflictAndChangesNothing() {
        Login user = user(UUID.randomUUID());
        cancel(user.token()).expectStatus().isAccepted();
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        // a token that outlived the revocation (issued under a later session version) still cannot cancel twice
        cancel(token(user.id(), user.organization(), "TRAINEE")).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:cancellation-pending");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rights_request WHERE subject_id = ?", Long.class,
                user.id())).isOne();
    }

    @Test
    void theUserWithdrawsDuringTheCoolOffWithTheirPasswordAndIsActiveAgain() {
        Login user = user(UUID.randomUUID());
        cancel(user.token()).expectStatus().isAccepted();
        clock.advance(Duration.ofDays(13));

        withdraw(user, "not-the-password").expectStatus().isUnauthorized();
        withdraw(user, PASSWORD).expectStatus().isNoContent();

        login(user).expectStatus().isOk();
        assertThat(request(user.id())).containsEntry("state", "WITHDRAWN")
                .containsEntry("handled_by", user.id().toString());
        withdraw(user, PASSWORD).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:no-cancellation-pending");
        assertThat(job.run()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM credentials WHERE user_id = ?", Long.class, user.id()))
                .isOne();
    }

    @Test
    void whenTheCoolOffEndsTheJobErasesTheAccount() {
        Login user = user(UUID.randomUUID());
        web.put().uri("/api/me/consents/MARKETING_EMAIL").headers(h -> h.setBearerAuth(user.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("granted", true, "policyVersion", "1", "channel", "WEB"))
                .exchange().expectStatus().isOk();
        cancel(user.token()).expectStatus().isAccepted();
        job.run();
        assertThat(request(user.id())).containsEntry("state", "OPEN");

        clock.advance(Duration.ofDays(14).plusMinutes(1));
        withdraw(user, PASSWORD).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:cool-off-over");
        assertThat(job.run()).isPositive();

        assertThat(request(user.id())).containsEntry("state", "COMPLETED").containsEntry("handled_by", "system");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM credentials WHERE user_id = ?", Long.class, user.id()))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE subject_id = ?", Long.class,
                user.id().toString())).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM consent_state WHERE user_id = ?", Long.class, user.id()))
                .isZero();
        assertThat(jdbc.queryForList("""
                        SELECT payload_type FROM domain_event_entry
                         WHERE payload_type IN ('org.elearn.events.rights.AccountCancellationCompleted',
                                                'org.elearn.events.privacy.UserErased')
                           AND convert_from(payload, 'UTF8') LIKE ? ORDER BY global_index""", String.class,
                "%" + user.id() + "%"))
                .containsExactly("org.elearn.events.rights.AccountCancellationCompleted",
                        "org.elearn.events.privacy.UserErased");
        assertThat(job.run()).isZero();
        withdraw(user, PASSWORD).expectStatus().isUnauthorized();
    }

    @Test
    void rightsRequestsAreSeenByTheSubjectAndTheirOrganizationsAdministratorsOnly() {
        UUID organization = UUID.randomUUID();
        Login user = user(organization);
        String requestId = cancel(user.token()).expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody().get("requestId").toString();
        withdraw(user, PASSWORD).expectStatus().isNoContent();
        String fresh = TestTokens.login(web, user.email(), PASSWORD);

        web.get().uri("/api/me/rights-requests").headers(h -> h.setBearerAuth(fresh)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].requestId").isEqualTo(requestId)
                .jsonPath("$[0].kind").isEqualTo("CANCELLATION")
                .jsonPath("$[0].state").isEqualTo("WITHDRAWN")
                .jsonPath("$[0].dueAt").exists()
                .jsonPath("$[0].closedAt").exists();
        web.get().uri("/api/organizations/{o}/rights-requests", organization)
                .headers(h -> h.setBearerAuth(token(UUID.randomUUID(), organization, "ORG_ADMIN"))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[0].requestId").isEqualTo(requestId);
        web.get().uri("/api/organizations/{o}/rights-requests", organization)
                .headers(h -> h.setBearerAuth(token(UUID.randomUUID(), UUID.randomUUID(), "ORG_ADMIN")))
                .exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.get().uri("/api/organizations/{o}/rights-requests", organization).headers(h -> h.setBearerAuth(fresh))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anOperatorCannotCancelThemself() {
        String operator = TestTokens.login(web, "operator@test.example", "operator-password-123");
        cancel(operator).expectStatus().isForbidden();
    }

    @Test
    void withdrawalNeedsAWellFormedBody() {
        web.post().uri("/api/cancellation/withdrawal").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "not-an-email")).exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
