package org.elearn.command.invitation;

import org.elearn.testsupport.TestMailbox;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.elearn.command.CommandSideTest;
import org.elearn.command.identity.AccountStore;
import org.elearn.support.privacy.EmailHasher;
import org.elearn.command.web.TestAccounts;
import org.elearn.command.web.TestTokens;
import org.elearn.support.security.AuthProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

@CommandSideTest
class InvitationFlowTest {

    @Autowired
    WebTestClient web;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RSAKey signingKey;
    @Autowired
    AuthProperties auth;
    @Autowired
    AccountStore accounts;
    @Autowired
    EmailHasher hasher;

    private final UUID organization = UUID.randomUUID();
    private String admin;
    private String operator;

    @BeforeEach
    void setUp() throws Exception {
        admin = token(List.of("ORG_ADMIN"), organization);
        operator = TestTokens.login(web, "operator@test.example", "operator-password-123");
    }

    private String token(List<String> roles, UUID org) throws Exception {
        var claims = TestTokens.claims(auth.issuer(), auth.audience(), Instant.now().plusSeconds(300))
                .claim("roles", roles);
        if (org != null) {
            claims.claim("org", org.toString());
        }
        return TestTokens.sign(signingKey, claims.build());
    }

    private UUID invite(String email, String role) {
        return UUID.fromString(invitation(email, role).returnResult().getResponseBody().get("invitationId").toString());
    }

    private WebTestClient.BodySpec<Map, ?> invitation(String email, String role) {
        return web.post().uri("/api/organizations/{o}/invitations", organization)
                .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "role", role)).exchange()
                .expectStatus().isCreated().expectBody(Map.class);
    }

    /** The newest code in the local mailbox, as the invitee would read it. */
    private String code(String email, int messages) {
        return TestMailbox.code(web, operator, email, "invitation", messages);
    }

    private List<Map<String, Object>> mailbox(String email) {
        return TestMailbox.read(web, operator, email);
    }

    private WebTestClient.ResponseSpec accept(String code) {
        return web.post().uri("/api/invitations/acceptance").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code, "name", "Nina New", "password", "long-enough-password")).exchange();
    }

    @Test
    void acceptingMakesAMemberWithTheInvitedRoleAndTheCodeWorksOnce() {
        String email = "nina-" + UUID.randomUUID() + "@example.com";
        invite(email, "INSTRUCTOR");
        String code = code(email, 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification_outbox WHERE recipient = ?", Long.class, email))
                .isZero();
        assertThat(new String(jdbc.queryForObject("SELECT string_agg(convert_from(payload, 'UTF8'), '') "
                + "FROM domain_event_entry", String.class).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .doesNotContain(code);

        accept(code).expectStatus().isCreated()
                .expectBody().jsonPath("$.role").isEqualTo("INSTRUCTOR")
                .jsonPath("$.organizationId").isEqualTo(organization.toString());
        String token = TestTokens.login(web, email, "long-enough-password");
        web.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.roles[0]").isEqualTo("INSTRUCTOR")
                .jsonPath("$.organizationId").isEqualTo(organization.toString());

        accept(code).expectStatus().isEqualTo(HttpStatus.GONE)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:invitation-used");
    }

    @Test
    void aRevokedInvitationsCodeGetsAClearError() {
        String email = "rev-" + UUID.randomUUID() + "@example.com";
        UUID invitation = invite(email, "TRAINEE");
        String code = code(email, 1);
        web.post().uri("/api/organizations/{o}/invitations/{i}/revocation", organization, invitation)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNoContent();

        accept(code).expectStatus().isEqualTo(HttpStatus.GONE)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:invitation-revoked");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM credentials c JOIN invitation i ON i.invitee_id = c.user_id "
                + "WHERE i.invitation_id = ?", Long.class, invitation)).isZero();
    }

    @Test
    void resendingReplacesTheCode() {
        String email = "again-" + UUID.randomUUID() + "@example.com";
        UUID invitation = invite(email, "TRAINEE");
        String first = code(email, 1);
        web.post().uri("/api/organizations/{o}/invitations/{i}/resend", organization, invitation)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk();
        String second = code(email, 2);
        assertThat(second).isNotEqualTo(first);

        accept(first).expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:invitation-not-found");
        accept(second).expectStatus().isCreated();
    }

    @Test
    void anEmailHeldByAnotherAccountIsInvitedLikeAnyOtherAndOutsidersCannotInvite() throws Exception {
        // the administrator cannot tell whether an email has an account: whether it may join is the invitee's answer
        UUID elsewhere = UUID.randomUUID();
        List<String> held = TestAccounts.heldElsewhere(web, token(List.of("ORG_ADMIN"), elsewhere), elsewhere);
        Map<String, Optional<UUID>> holders = holders(held);
        Set<?> fresh = invitation("fresh-" + UUID.randomUUID() + "@example.com", "TRAINEE").returnResult().getResponseBody()
                .keySet();
        for (String email : held) {
            assertThat(invitation(email, "TRAINEE").returnResult().getResponseBody().keySet()).isEqualTo(fresh);
        }
        assertThat(holders(held)).isEqualTo(holders);
        TestTokens.login(web, TestAccounts.OPERATOR_EMAIL, TestAccounts.OPERATOR_PASSWORD);
        TestTokens.login(web, held.get(3), "long-enough-password");

        String otherAdmin = token(List.of("ORG_ADMIN"), UUID.randomUUID());
        web.post().uri("/api/organizations/{o}/invitations", organization).headers(h -> h.setBearerAuth(otherAdmin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", "x@example.com", "role", "TRAINEE"))
                .exchange().expectStatus().isNotFound();
        String trainee = token(List.of("TRAINEE"), organization);
        web.post().uri("/api/organizations/{o}/invitations", organization).headers(h -> h.setBearerAuth(trainee))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", "x@example.com", "role", "TRAINEE"))
                .exchange().expectStatus().isForbidden();
        web.get().uri("/api/operator/mailbox?recipient=x").headers(h -> h.setBearerAuth(trainee)).exchange()
                .expectStatus().isForbidden();
        accept("no-such-code").expectStatus().isNotFound();
    }

    @Test
    void revokingOneOfTwoOpenInvitationsKeepsThePersonsEmailReserved() throws Exception {
        String email = "twice-" + UUID.randomUUID() + "@example.com";
        UUID here = invite(email, "TRAINEE");
        UUID elsewhere = UUID.randomUUID();
        String otherAdmin = token(List.of("ORG_ADMIN"), elsewhere);
        UUID there = UUID.fromString(web.post().uri("/api/organizations/{o}/invitations", elsewhere)
                .headers(h -> h.setBearerAuth(otherAdmin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "role", "TRAINEE")).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("invitationId").toString());
        UUID invitee = jdbc.queryForObject("SELECT invitee_id FROM invitation WHERE invitation_id = ?", UUID.class, here);
        assertThat(jdbc.queryForObject("SELECT invitee_id FROM invitation WHERE invitation_id = ?", UUID.class, there))
                .isEqualTo(invitee);

        web.post().uri("/api/organizations/{o}/invitations/{i}/revocation", organization, here)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNoContent();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM email_lookup WHERE user_id = ?", Long.class, invitee))
                .isOne();
        web.post().uri("/api/organizations/{o}/invitations/{i}/revocation", elsewhere, there)
                .headers(h -> h.setBearerAuth(otherAdmin)).exchange().expectStatus().isNoContent();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM email_lookup WHERE user_id = ?", Long.class, invitee))
                .isZero();
    }

    @Test
    void anImportedMemberAcceptsIntoTheSameAccount() {
        String email = "imp-" + UUID.randomUUID() + "@example.com";
        web.post().uri("/api/organizations/{id}/member-imports", organization).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("name,phone,email,department\r\nIm Ported,," + email + ",Sales\r\n")
                .exchange().expectStatus().isOk();
        UUID memberId = jdbc.queryForObject("SELECT member_id FROM member_directory WHERE organization_id = ?",
                UUID.class, organization);
        invite(email, "TRAINEE");

        accept(code(email, 1)).expectStatus().isCreated().expectBody().jsonPath("$.userId").isEqualTo(memberId.toString());
    }

    private Map<String, Optional<UUID>> holders(List<String> emails) {
        Map<String, Optional<UUID>> found = new java.util.HashMap<>();
        emails.forEach(email -> found.put(email, accounts.userIdForEmail(hasher.hash(email))));
        return found;
    }

    private void importMember(String email) {
        web.post().uri("/api/organizations/{id}/member-imports", organization).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("name,phone,email,department\r\nIm Ported,," + email + ",Sales\r\n")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.created").isEqualTo(1);
    }

    @Test
    void aMemberImportedAtAnAddressHeldElsewhereCannotTakeThatAccountsLogin() {
        String email = "ivy-" + UUID.randomUUID() + "@example.com";
        TestAccounts.registerInstructor(web, email, "the-instructors-password");
        UUID instructor = accounts.userIdForEmail(hasher.hash(email)).orElseThrow();
        importMember(email);
        UUID member = jdbc.queryForObject("SELECT member_id FROM member_directory WHERE organization_id = ?",
                UUID.class, organization);
        invite(email, "TRAINEE");

        // the invitation is the imported member's, and its answer goes to the address's owner only
        accept(code(email, 1)).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:account-cannot-join");
        assertThat(accounts.hasLogin(member)).isFalse();
        assertThat(accounts.userIdForEmail(hasher.hash(email))).contains(instructor);
        TestTokens.login(web, email, "the-instructors-password");
    }

    @Test
    void anAdministratorsEditChangesTheOrganizationsAddressButNotTheMembersLogin() {
        String email = "lou-" + UUID.randomUUID() + "@example.com";
        importMember(email);
        UUID member = jdbc.queryForObject("SELECT member_id FROM member_directory WHERE organization_id = ?",
                UUID.class, organization);
        invite(email, "TRAINEE");
        accept(code(email, 1)).expectStatus().isCreated();

        String other = "lou.other-" + UUID.randomUUID() + "@example.com";
        web.put().uri("/api/organizations/{o}/members/{m}", organization, member).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", other)).exchange()
                .expectStatus().isNoContent();

        // were the login moved only where the address is free, logging in would tell
        TestTokens.login(web, email, "long-enough-password");
        web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", other, "password", "long-enough-password")).exchange()
                .expectStatus().isUnauthorized();
    }
}
