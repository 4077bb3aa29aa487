package org.elearn.command.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.command.CommandSideTest;
import org.elearn.command.web.TestAccounts;
import org.elearn.command.web.TestTokens;
import org.elearn.testsupport.MovableClock;
import org.elearn.testsupport.TestMailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Self-registration tells nobody whether an email has an account: a taken email
 * gets the very answer a new one gets, and only the mailbox learns more; the mailed code completes
 * the registration; requests per email and wrong codes are throttled; pending registrations go at
 * verification and at expiry. The test client connects over loopback, a trusted proxy, so
 * {@code X-Forwarded-For} plays other clients.
 */
@CommandSideTest
class RegistrationTest {

    @LocalServerPort
    int port;
    @Autowired
    WebTestClient web;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;
    @Autowired
    MovableClock clock;
    @Autowired
    PendingRegistrations registrations;

    private String operator;
    private UUID organization;

    @BeforeEach
    void setUp() {
        operator = TestTokens.login(web, "operator@test.example", "operator-password-123");
        organization = UUID.fromString(web.post().uri("/api/organizations").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Reg Org", "dataRegion", "eu"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("organizationId").toString());
    }

    private static Map<String, Object> instructor(String email) {
        return Map.of("name", "Ada Lovelace", "email", email, "phone", "+44 20 7946 0000",
                "password", "correct horse battery");
    }

    private Map<String, Object> administrator(String email) {
        return Map.of("organizationId", organization, "name", "Alan Admin", "email", email,
                "password", "correct horse battery");
    }

    private static String newEmail() {
        return "reg-" + UUID.randomUUID() + "@example.com";
    }

    /** From one client address of its own, so the throttles of other tests do not count. */
    private WebTestClient.ResponseSpec post(String path, Object body, String from) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build().post().uri(path)
                .contentType(MediaType.APPLICATION_JSON).header("X-Forwarded-For", from).bodyValue(body).exchange();
    }

    private EntityExchangeResult<byte[]> answer(String path, Object body) {
        return web.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectBody().returnResult();
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    @Test
    void aTakenEmailGetsExactlyTheAnswerOfANewOneAndChangesNothing() {
        String taken = TestAccounts.loggedIn(context, web, null, "INSTRUCTOR", "its-own-password-1").email();
        for (String path : List.of("/api/instructors", "/api/administrators")) {
            Map<String, Object> forNew = path.endsWith("instructors") ? instructor(newEmail()) : administrator(newEmail());
            Map<String, Object> forTaken = path.endsWith("instructors") ? instructor(taken) : administrator(taken);
            EntityExchangeResult<byte[]> fresh = answer(path, forNew);
            long events = count("domain_event_entry");
            long credentials = count("credentials");
            long pending = count("pending_registration");
            EntityExchangeResult<byte[]> existing = answer(path, forTaken);

            assertThat(existing.getStatus()).isEqualTo(fresh.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(existing.getResponseHeaders().getContentType())
                    .isEqualTo(fresh.getResponseHeaders().getContentType());
            assertThat(new String(existing.getResponseBody(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(fresh.getResponseBody(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"status\":\"verification-sent\"}");
            assertThat(count("domain_event_entry")).isEqualTo(events);
            assertThat(count("credentials")).isEqualTo(credentials);
            assertThat(count("pending_registration")).isEqualTo(pending);
        }
        // only the mailbox learns that the email is taken, and gets no code
        List<Map<String, Object>> mail = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> TestMailbox.read(web, operator, taken), m -> m.size() == 2);
        assertThat(mail).allSatisfy(m -> assertThat(m.get("body").toString())
                .contains("already in use").doesNotContain("code"));
        TestTokens.login(web, taken, "its-own-password-1");
    }

    @Test
    void theMailedCodeCompletesTheRegistrationOnceAndLeavesNoPendingRow() {
        String email = newEmail();
        web.post().uri("/api/instructors").contentType(MediaType.APPLICATION_JSON).bodyValue(instructor(email))
                .exchange().expectStatus().isAccepted();
        String code = TestMailbox.code(web, operator, email, "verification");
        // what waits holds no readable personal data, no code and no password
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM pending_registration WHERE code_hash = sha256(?::bytea)",
                code.getBytes(StandardCharsets.UTF_8));
        String stored = row.values().stream().map(v -> v instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1)
                : String.valueOf(v)).reduce("", String::concat);
        assertThat(stored).doesNotContain(email).doesNotContain("Ada Lovelace").doesNotContain("7946")
                .doesNotContain(code).doesNotContain("correct horse battery");

        UUID id = UUID.fromString(TestMailbox.verify(web, code).expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/instructors/[0-9a-f-]{36}")
                .expectBody(Map.class).returnResult().getResponseBody().get("instructorId").toString());
        assertThat(row.get("registration_id")).isEqualTo(id);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pending_registration WHERE registration_id = ?",
                Long.class, id)).isZero();
        TestTokens.login(web, email, "correct horse battery");
        // the used code's mail is gone too: the local mailbox kept the address in clear
        assertThat(TestMailbox.read(web, operator, email)).isEmpty();

        TestMailbox.verify(web, code).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:registration-not-found");
    }

    @Test
    void anAdministratorVerifiesIntoAnAccountWaitingForApproval() {
        String email = newEmail();
        Map<String, Object> done = TestMailbox.register(web, operator, "/api/administrators", administrator(email));
        assertThat(done).containsEntry("status", "PENDING").containsKey("administratorId");
        web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", "correct horse battery")).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:account-pending");
    }

    @Test
    void requestsPerEmailAreThrottledAlikeForNewAndTakenEmails() {
        String taken = TestAccounts.loggedIn(context, web, null, "INSTRUCTOR", "its-own-password-1").email();
        for (String email : List.of(newEmail(), taken)) {
            for (int i = 0; i < 5; i++) {
                // from different client addresses: the email's own budget is what runs out
                post("/api/instructors", instructor(email), "198.51.100." + i).expectStatus().isAccepted();
            }
            post("/api/administrators", administrator(email), "198.51.100.99")
                    .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().value(HttpHeaders.RETRY_AFTER, value -> assertThat(Long.parseLong(value))
                            .isBetween(1L, 3600L))
                    .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:too-many-registrations");
        }
    }

    @Test
    void wrongCodesAreRefusedAndThrottledPerClientAddress() {
        String from = "203.0.113.7";
        for (int i = 0; i < 10; i++) {
            post("/api/registrations/verification", Map.of("code", "not-a-code-" + i), from)
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:registration-not-found");
        }
        String email = newEmail();
        post("/api/instructors", instructor(email), from).expectStatus().isAccepted();
        String code = TestMailbox.code(web, operator, email, "verification");
        post("/api/registrations/verification", Map.of("code", code), from)
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:too-many-verification-attempts");
        // the right code from elsewhere still works
        post("/api/registrations/verification", Map.of("code", code), "192.0.2.10").expectStatus().isCreated();
    }

    @Test
    void anExpiredRegistrationIsRefusedThenDeletedWithItsMail() {
        String email = newEmail();
        web.post().uri("/api/instructors").contentType(MediaType.APPLICATION_JSON).bodyValue(instructor(email))
                .exchange().expectStatus().isAccepted();
        String code = TestMailbox.code(web, operator, email, "verification");
        clock.advance(Duration.ofHours(24).plusMinutes(1));

        TestMailbox.verify(web, code).expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("expired"));
        registrations.deleteExpired();
        operator = TestTokens.login(web, "operator@test.example", "operator-password-123");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pending_registration WHERE code_hash = sha256(?::bytea)",
                Long.class, code.getBytes(StandardCharsets.UTF_8))).isZero();
        assertThat(TestMailbox.read(web, operator, email)).isEmpty();
    }
}
