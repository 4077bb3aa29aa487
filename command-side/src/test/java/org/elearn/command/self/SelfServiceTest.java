package org.elearn.command.self;

import org.elearn.testsupport.TestMailbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.command.CommandSideTest;
import org.elearn.command.web.TestTokens;
import org.elearn.events.instructor.InstructorProfileUpdated;
import org.elearn.events.membership.MemberDetailsChanged;
import org.elearn.events.membership.OwnProfileEdited;
import org.elearn.support.security.AuthProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

@CommandSideTest
class SelfServiceTest {

    @Autowired
    WebTestClient web;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    RSAKey signingKey;
    @Autowired
    AuthProperties auth;

    private String registerInstructor(String email) {
        TestMailbox.register(web, TestTokens.operator(web), "/api/instructors", Map.of("name", "Sam Self",
                "email", email, "phone", "+1 555 0100", "password", "first-password-123"));
        return TestTokens.login(web, email, "first-password-123");
    }

    private WebTestClient.ResponseSpec me(String token) {
        return web.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange();
    }

    @Test
    void changingThePasswordEndsEveryOtherSession() {
        String email = "self-" + UUID.randomUUID() + "@example.com";
        String first = registerInstructor(email);
        String second = TestTokens.login(web, email, "first-password-123");

        web.post().uri("/api/me/password").headers(h -> h.setBearerAuth(first)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", "wrong-password-000", "newPassword", "second-password-456"))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:wrong-password");
        me(second).expectStatus().isOk();

        String fresh = web.post().uri("/api/me/password").headers(h -> h.setBearerAuth(first))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", "first-password-123", "newPassword", "second-password-456"))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("accessToken").toString();

        me(first).expectStatus().isUnauthorized();
        me(second).expectStatus().isUnauthorized();
        me(fresh).expectStatus().isOk();
        web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", "first-password-123")).exchange()
                .expectStatus().isUnauthorized();
        me(TestTokens.login(web, email, "second-password-456")).expectStatus().isOk();
    }

    @Test
    void anInstructorEditsTheirOwnNameAndPhone() {
        String email = "own-" + UUID.randomUUID() + "@example.com";
        String token = registerInstructor(email);
        String id = me(token).expectBody(Map.class).returnResult().getResponseBody().get("userId").toString();

        web.put().uri("/api/me/profile").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Samantha Self", "phone", "+1 555 0199")).exchange()
                .expectStatus().isNoContent();

        var events = eventStore.readEvents(id, 0).asStream().toList();
        assertThat(events.get(events.size() - 1).getPayload())
                .isEqualTo(new InstructorProfileUpdated(UUID.fromString(id), "Samantha Self", "+1 555 0199"));
    }

    @Test
    void aMemberEditsTheirOwnNameAndPhoneButNotTheirDepartment() throws Exception {
        UUID organization = UUID.randomUUID();
        String admin = TestTokens.sign(signingKey, TestTokens.claims(auth.issuer(), auth.audience(),
                Instant.now().plusSeconds(300)).claim("roles", List.of("ORG_ADMIN"))
                .claim("org", organization.toString()).build());
        String email = "mem-" + UUID.randomUUID() + "@example.com";
        web.post().uri("/api/organizations/{id}/member-imports", organization).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("name,phone,email,department\r\nMo Member,," + email + ",Sales\r\n")
                .exchange().expectStatus().isOk();
        UUID memberId = jdbc.queryForObject("SELECT member_id FROM member_directory WHERE organization_id = ?",
                UUID.class, organization);
        String member = TestTokens.sign(signingKey, TestTokens.claims(auth.issuer(), auth.audience(),
                Instant.now().plusSeconds(300)).subject(memberId.toString()).claim("roles", List.of("TRAINEE"))
                .claim("org", organization.toString()).build());

        web.put().uri("/api/me/profile").headers(h -> h.setBearerAuth(member)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Morgan Member", "phone", "+1 555 0111")).exchange()
                .expectStatus().isNoContent();

        await().atMost(Duration.ofSeconds(60)).until(() -> eventStore.readEvents(memberId.toString(), 0).asStream()
                .anyMatch(e -> e.getPayload() instanceof MemberDetailsChanged));
        var events = eventStore.readEvents(memberId.toString(), 0).asStream().toList();
        assertThat(events.get(events.size() - 1).getPayload()).isEqualTo(
                new MemberDetailsChanged(memberId, organization, "Morgan Member", "+1 555 0111", "Sales"));

        web.put().uri("/api/me/profile").headers(h -> h.setBearerAuth(member)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Morgan Member", "phone", "+1 555 0111", "nickname", "Mo",
                        "gender", "non-binary")).exchange()
                .expectStatus().isNoContent();
        var after = eventStore.readEvents(memberId.toString(), 0).asStream().toList();
        assertThat(after).hasSize(events.size() + 1);
        assertThat(after.get(after.size() - 1).getPayload())
                .isEqualTo(new OwnProfileEdited(memberId, organization, "Mo", "non-binary"));

        web.put().uri("/api/me/profile").headers(h -> h.setBearerAuth(member)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Morgan Member", "gender", "robot")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("gender");
        assertThat(eventStore.readEvents(memberId.toString(), 0).asStream().count()).isEqualTo(after.size());
    }

    @Test
    void anInstructorIsRefusedANicknameOrGenderRatherThanHavingThemDropped() {
        String email = "own-" + UUID.randomUUID() + "@example.com";
        String token = registerInstructor(email);
        String id = me(token).expectBody(Map.class).returnResult().getResponseBody().get("userId").toString();
        long before = eventStore.readEvents(id, 0).asStream().count();

        web.put().uri("/api/me/profile").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Sam Self", "phone", "+1 555 0100", "nickname", "Sammy")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("nickname");
        assertThat(eventStore.readEvents(id, 0).asStream().count()).isEqualTo(before);
    }

    @Test
    void anAccountWithoutAProfileGets404() {
        String operator = TestTokens.login(web, "operator@test.example", "operator-password-123");
        web.put().uri("/api/me/profile").headers(h -> h.setBearerAuth(operator)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Op")).exchange().expectStatus().isNotFound();
    }
}
