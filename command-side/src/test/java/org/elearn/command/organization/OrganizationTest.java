package org.elearn.command.organization;

import org.elearn.testsupport.TestMailbox;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.command.CommandSideTest;
import org.elearn.command.web.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

@CommandSideTest
class OrganizationTest {

    @Autowired
    WebTestClient web;
    @Autowired
    JdbcTemplate jdbc;

    private String operator;

    @BeforeEach
    void logIn() {
        operator = TestTokens.login(web, "operator@test.example", "operator-password-123");
    }

    private UUID organization() {
        return UUID.fromString(web.post().uri("/api/organizations").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Acme Training", "dataRegion", "sg"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("organizationId").toString());
    }

    private Map<String, Object> adminBody(UUID organizationId, String email) {
        Map<String, Object> body = new HashMap<>(Map.of("organizationId", organizationId, "name", "Olive Admin",
                "email", email, "password", "long-enough-password", "occupation", "Training lead",
                "documents", List.of(Map.of("type", "NDA", "uri", "https://files.example/nda-olive.pdf",
                        "sha256", "b".repeat(64)))));
        return body;
    }

    private WebTestClient.ResponseSpec registerAdmin(Map<String, Object> body) {
        return web.post().uri("/api/administrators").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** Registers and verifies with the mailed code, as the administrator would; the verification's answer. */
    private Map<String, Object> registeredAdmin(Map<String, Object> body) {
        return TestMailbox.register(web, operator, "/api/administrators", body);
    }

    private WebTestClient.ResponseSpec login(String email) {
        return web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", "long-enough-password")).exchange();
    }

    @Test
    void administratorActsOnlyOnceApproved() {
        UUID organizationId = organization();
        String email = "olive-" + UUID.randomUUID() + "@example.com";
        Map<?, ?> created = registeredAdmin(adminBody(organizationId, email));
        assertThat(created.get("status")).isEqualTo("PENDING");
        UUID adminId = UUID.fromString(created.get("administratorId").toString());

        login(email).expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:account-pending");

        web.post().uri("/api/administrators/{id}/approval", adminId).headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().isNoContent();

        String token = login(email).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("accessToken").toString();
        web.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.organizationId").isEqualTo(organizationId.toString())
                .jsonPath("$.roles[0]").isEqualTo("ORG_ADMIN");

        // a decision is final
        web.post().uri("/api/administrators/{id}/rejection", adminId).headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "too late"))
                .exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:administrator-not-pending");
    }

    @Test
    void aRejectedAdministratorCannotLogIn() {
        UUID organizationId = organization();
        String email = "rex-" + UUID.randomUUID() + "@example.com";
        registeredAdmin(adminBody(organizationId, email));
        UUID adminId = jdbc.queryForObject("SELECT user_id FROM credentials WHERE organization_id = ?", UUID.class,
                organizationId);

        web.post().uri("/api/administrators/{id}/rejection", adminId).headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "no NDA"))
                .exchange().expectStatus().isNoContent();

        login(email).expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:account-rejected");
    }

    @Test
    void documentsAndPersonalDataAreStoredEncrypted() {
        UUID organizationId = organization();
        String email = "enc-" + UUID.randomUUID() + "@example.com";
        registeredAdmin(adminBody(organizationId, email));
        String payload = new String(jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE payload_type = ? "
                + "ORDER BY global_index DESC LIMIT 1", byte[].class,
                "org.elearn.events.organization.AdministratorRegistered"), StandardCharsets.UTF_8);
        assertThat(payload).contains(organizationId.toString()).contains("\"sha256\":\"" + "b".repeat(64))
                .doesNotContain(email).doesNotContain("Olive Admin").doesNotContain("nda-olive")
                .doesNotContain("Training lead");
    }

    @Test
    void onlyOperatorsRegisterOrganizationsAndDecide() {
        String email = "mal-" + UUID.randomUUID() + "@example.com";
        TestMailbox.register(web, operator, "/api/instructors", Map.of("name", "Ian", "email", email,
                "phone", "+1 555 0100", "password", "long-enough-password"));
        String instructor = login(email).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("accessToken").toString();

        web.post().uri("/api/organizations").headers(h -> h.setBearerAuth(instructor))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Mine", "dataRegion", "eu"))
                .exchange().expectStatus().isForbidden();
        web.post().uri("/api/administrators/{id}/approval", UUID.randomUUID()).headers(h -> h.setBearerAuth(instructor))
                .exchange().expectStatus().isForbidden();
        web.post().uri("/api/organizations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Anon", "dataRegion", "eu")).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void badAdministratorRequestsStoreNothing() {
        UUID organizationId = organization();
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        registerAdmin(adminBody(UUID.randomUUID(), "x-" + UUID.randomUUID() + "@example.com"))
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:organization-not-found");
        Map<String, Object> badDocument = adminBody(organizationId, "y-" + UUID.randomUUID() + "@example.com");
        badDocument.put("documents", List.of(Map.of("type", "NDA", "uri", "ftp://x", "sha256", "nothex")));
        registerAdmin(badDocument).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.length()").isEqualTo(2);
        Map<String, Object> badType = adminBody(organizationId, "z-" + UUID.randomUUID() + "@example.com");
        badType.put("documents", List.of(Map.of("type", "PASSPORT", "uri", "https://x", "sha256", "c".repeat(64))));
        registerAdmin(badType).expectStatus().isBadRequest();
        web.post().uri("/api/organizations").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "X", "dataRegion", "Europe!"))
                .exchange().expectStatus().isBadRequest();
        web.post().uri("/api/administrators/{id}/approval", UUID.randomUUID()).headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().isNotFound();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(events);
    }
}
