package org.elearn.command.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.command.CommandSideTest;
import org.elearn.command.web.TestTokens;
import org.elearn.testsupport.TestMailbox;
import org.elearn.events.instructor.InstructorRegistered;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

@CommandSideTest
class InstructorRegistrationTest {

    @Autowired
    WebTestClient web;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    EventStore eventStore;

    static Map<String, Object> body(String email) {
        return Map.of("name", "Grace Hopper", "email", email, "phone", "+1 555 0100",
                "password", "correct horse battery");
    }

    static String uniqueEmail() {
        return "grace-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void registrationStoresInstructorRegisteredAsReadableJsonWithoutThePassword() throws Exception {
        String email = uniqueEmail();
        UUID id = register(email);

        Map<String, Object> row = jdbc.queryForMap(
                "SELECT payload_type, payload, meta_data, global_index FROM domain_event_entry WHERE aggregate_identifier = ?",
                id.toString());
        assertThat(row.get("payload_type")).isEqualTo("org.elearn.events.instructor.InstructorRegistered");
        String payload = new String((byte[]) row.get("payload"), StandardCharsets.UTF_8);
        JsonNode event = json.readTree(payload);
        assertThat(event.get("instructorId").asText()).isEqualTo(id.toString());
        // personal fields are encrypted inside otherwise readable JSON; the password is nowhere
        assertThat(event.get("name").asText()).startsWith("pd1:");
        assertThat(event.get("email").asText()).startsWith("pd1:");
        assertThat(event.get("phone").asText()).startsWith("pd1:");
        assertThat(payload + new String((byte[]) row.get("meta_data"), StandardCharsets.UTF_8))
                .doesNotContain("Grace Hopper").doesNotContain(email).doesNotContain("555 0100")
                .doesNotContain("correct horse battery").doesNotContain("password");
        InstructorRegistered read = (InstructorRegistered) eventStore.readEvents(id.toString()).next().getPayload();
        assertThat(read).isEqualTo(new InstructorRegistered(id, "Grace Hopper", email, "+1 555 0100"));

        String hash = jdbc.queryForObject("SELECT password_hash FROM credentials WHERE user_id = ?", String.class, id);
        assertThat(hash).startsWith("$2").doesNotContain("correct horse battery");
        byte[] lookup = jdbc.queryForObject("SELECT email_hmac FROM email_lookup WHERE user_id = ?", byte[].class, id);
        assertThat(lookup).hasSize(32);
        assertThat(new String(lookup, StandardCharsets.ISO_8859_1)).doesNotContain(email);
    }

    @Test
    void duplicateEmailIgnoringCaseGetsTheSameAnswerAndStoresNothing() {
        String email = uniqueEmail();
        register(email);
        long events = count("domain_event_entry");
        long credentials = count("credentials");

        web.post().uri("/api/instructors").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body(email.toUpperCase()))
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().json("{\"status\":\"verification-sent\"}", true);

        assertThat(count("domain_event_entry")).isEqualTo(events);
        assertThat(count("credentials")).isEqualTo(credentials);
    }

    @Test
    void registeredInstructorCanLogInAndSeesTheInstructorRole() {
        String email = uniqueEmail();
        UUID id = register(email);

        web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email.toUpperCase(), "password", "correct horse battery"))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.tokenType").isEqualTo("Bearer")
                .jsonPath("$.expiresIn").isEqualTo(900)
                .jsonPath("$.accessToken").isNotEmpty();
        String token = login(email);

        web.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.userId").isEqualTo(id.toString())
                .jsonPath("$.roles").isEqualTo(List.of("INSTRUCTOR"));
    }

    /** Registers and verifies with the mailed code, as the instructor would. */
    private UUID register(String email) {
        return TestMailbox.registered(web, TestTokens.login(web, "operator@test.example", "operator-password-123"),
                "/api/instructors", body(email));
    }

    private String login(String email) {
        return web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", "correct horse battery"))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("accessToken").toString();
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
