package org.elearn.command.privacy;

import org.elearn.testsupport.TestMailbox;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.command.CommandSideTest;
import org.elearn.command.identity.AccountStore;
import org.elearn.support.privacy.EmailHasher;
import org.elearn.command.web.TestTokens;
import org.elearn.support.security.AuthProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

@CommandSideTest
class ErasureTest {

    @Autowired
    WebTestClient web;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AccountStore accounts;
    @Autowired
    EmailHasher emailHasher;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    RSAKey signingKey;
    @Autowired
    AuthProperties auth;

    private record Registered(UUID id, String email, String token) {
    }

    private Registered registerInstructor() {
        String email = "erase-" + UUID.randomUUID() + "@example.com";
        UUID id = TestMailbox.registered(web, TestTokens.operator(web), "/api/instructors", Map.of("name",
                "To Be Erased", "email", email, "phone", "+1 555 0100", "password", "long-enough-password"));
        return new Registered(id, email, login(email, "long-enough-password"));
    }

    private String login(String email, String password) {
        return web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("accessToken").toString();
    }

    /** A member of an organization, created directly: organizations arrive with a later issue. */
    private UUID memberOf(UUID organizationId) {
        UUID id = UUID.randomUUID();
        accounts.reserveEmail(emailHasher.hash("member-" + id + "@example.com"), id);
        accounts.createCredentials(id, passwords.encode("irrelevant-password"), List.of("TRAINEE"), organizationId);
        return id;
    }

    private String orgAdminToken(UUID organizationId) throws Exception {
        return TestTokens.sign(signingKey, TestTokens.claims(auth.issuer(), auth.audience(), soon())
                .claim("roles", List.of("ORG_ADMIN"))
                .claim("org", organizationId.toString())
                .build());
    }

    private WebTestClient.ResponseSpec erase(UUID userId, String token) {
        return web.post().uri("/api/users/{id}/erasure", userId).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    @Test
    void selfErasureDestroysKeyCredentialsLookupAndTokens() {
        Registered user = registerInstructor();
        assertThat(count("SELECT count(*) FROM data_key WHERE subject_id = ?", user.id().toString())).isOne();

        erase(user.id(), user.token()).expectStatus().isAccepted()
                .expectBody().jsonPath("$.status").isEqualTo("erased");

        assertThat(count("SELECT count(*) FROM data_key WHERE subject_id = ?", user.id().toString())).isZero();
        assertThat(count("SELECT count(*) FROM data_subject_erasure WHERE subject_id = ?", user.id().toString()))
                .isOne();
        assertThat(count("SELECT count(*) FROM credentials WHERE user_id = ?", user.id())).isZero();
        assertThat(count("SELECT count(*) FROM email_lookup WHERE user_id = ?", user.id())).isZero();
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE payload_type = ? AND convert_from(payload, 'UTF8') LIKE ?",
                "org.elearn.events.privacy.UserErased", "%" + user.id() + "%")).isOne();
        web.get().uri("/api/me").headers(h -> h.setBearerAuth(user.token())).exchange()
                .expectStatus().isUnauthorized();
        web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", user.email(), "password", "long-enough-password"))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void repeatedErasureIsIdempotent() {
        Registered user = registerInstructor();
        String operator = login("operator@test.example", "operator-password-123");
        erase(user.id(), operator).expectStatus().isAccepted();
        long events = count("SELECT count(*) FROM domain_event_entry");

        erase(user.id(), operator).expectStatus().isAccepted();

        assertThat(count("SELECT count(*) FROM domain_event_entry")).isEqualTo(events);
    }

    @Test
    void unknownUserIs404() {
        String operator = login("operator@test.example", "operator-password-123");
        erase(UUID.randomUUID(), operator).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:user-not-found");
    }

    @Test
    void anotherUserWithoutTheRightGets403AndNothingChanges() {
        Registered victim = registerInstructor();
        Registered other = registerInstructor();

        erase(victim.id(), other.token()).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(count("SELECT count(*) FROM data_key WHERE subject_id = ?", victim.id().toString())).isOne();
        assertThat(count("SELECT count(*) FROM credentials WHERE user_id = ?", victim.id())).isOne();
    }

    @Test
    void administratorOfAnotherOrganizationGets404ButTheirOwnMayErase() throws Exception {
        UUID organization = UUID.randomUUID();
        UUID member = memberOf(organization);

        erase(member, orgAdminToken(UUID.randomUUID())).expectStatus().isNotFound();
        assertThat(count("SELECT count(*) FROM credentials WHERE user_id = ?", member)).isOne();

        erase(member, orgAdminToken(organization)).expectStatus().isAccepted();
        assertThat(count("SELECT count(*) FROM credentials WHERE user_id = ?", member)).isZero();
    }

    @Test
    void anAdministratorErasesAMemberImportedWithoutALogin() throws Exception {
        UUID organization = UUID.randomUUID();
        String admin = orgAdminToken(organization);
        String email = "imported-" + UUID.randomUUID() + "@example.com";
        byte[] csv = ("name,phone,email,department\r\nIda Imported,," + email + ",Sales\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        web.post().uri("/api/organizations/{id}/member-imports", organization).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv).exchange().expectStatus().isOk();
        UUID member = jdbc.queryForObject("SELECT member_id FROM member_directory WHERE organization_id = ?",
                UUID.class, organization);

        erase(member, orgAdminToken(UUID.randomUUID())).expectStatus().isNotFound();
        erase(member, admin).expectStatus().isAccepted();

        assertThat(count("SELECT count(*) FROM data_key WHERE subject_id = ?", member.toString())).isZero();
        assertThat(count("SELECT count(*) FROM email_lookup WHERE user_id = ?", member)).isZero();
        assertThat(count("SELECT count(*) FROM member_address WHERE member_id = ?", member)).isZero();
        // the email is free again: importing it makes a new member
        web.post().uri("/api/organizations/{id}/member-imports", organization).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.created").isEqualTo(1);
    }

    @Test
    void personalDataOfAnErasedUserIsRejectedAndNothingStored() {
        Registered user = registerInstructor();
        String operator = login("operator@test.example", "operator-password-123");
        web.put().uri("/api/instructors/{id}/profile", user.id()).headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Renamed", "phone", "+1 555 0101"))
                .exchange().expectStatus().isNoContent();
        erase(user.id(), operator).expectStatus().isAccepted();
        long events = count("SELECT count(*) FROM domain_event_entry");

        web.put().uri("/api/instructors/{id}/profile", user.id()).headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Back Again", "phone", "+1 555 0102"))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.GONE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:subject-erased");

        assertThat(count("SELECT count(*) FROM domain_event_entry")).isEqualTo(events);
        assertThat(count("SELECT count(*) FROM data_key WHERE subject_id = ?", user.id().toString())).isZero();
    }

    @Test
    void anInstructorMayNotChangeSomeoneElsesProfile() {
        Registered owner = registerInstructor();
        Registered other = registerInstructor();
        web.put().uri("/api/instructors/{id}/profile", owner.id()).headers(h -> h.setBearerAuth(other.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Hijack", "phone", "+1 555 0103"))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void erasureNeedsAToken() {
        web.post().uri("/api/users/{id}/erasure", UUID.randomUUID()).exchange().expectStatus().isUnauthorized();
    }

    static Instant soon() {
        return Instant.now().plusSeconds(300);
    }
}
