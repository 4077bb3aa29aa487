package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.testsupport.TestDatabases;
import org.elearn.testsupport.TestKeys;
import org.elearn.testsupport.TestMailbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The README's walk-through, end to end over real HTTP: both services as the local run starts them,
 * on a real PostgreSQL, then a restart of both on the same database.
 */
class WalkThroughIT {

    private static final String OPERATOR_EMAIL = "operator@walk.example";
    private static final String OPERATOR_PASSWORD = "operator-password-456";

    private final TestDatabases.TestDatabase db = TestDatabases.create();
    private Services services;

    private Services start() {
        return Services.start(
                Map.of("learning.db.url", db.learningUrl(), "learning.db.user", db.user(),
                        "learning.db.password", db.password(), "learning.secrets.dir", "target/walk-secrets",
                        "learning.crypto.kek", TestKeys.KEK,
                        "server.port", 0),
                Map.of("learning.operator.email", OPERATOR_EMAIL, "learning.operator.password", OPERATOR_PASSWORD),
                Map.of());
    }

    @AfterEach
    void stop() {
        if (services != null) {
            services.close();
        }
    }

    private WebTestClient commandSide() {
        return LocalApi.client(services.commandSidePort());
    }

    private WebTestClient querySide() {
        return LocalApi.client(services.querySidePort());
    }

    private String login(String email, String password) {
        return commandSide().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("accessToken").toString();
    }

    @Test
    void commandTravelsToTheQuerySideAndSurvivesARestart() {
        services = start();

        String operatorToken = login(OPERATOR_EMAIL, OPERATOR_PASSWORD);
        // the README's steps: register, read the code from the local mailbox, verify
        UUID instructorId = TestMailbox.registered(commandSide(), operatorToken, "/api/instructors",
                Map.of("name", "Ada Lovelace", "email", "ada@walk.example", "phone", "+44 20 7946 0000",
                        "password", "analytical-engine-1843"));
        String instructorToken = login("ada@walk.example", "analytical-engine-1843");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                querySide().get().uri("/api/instructors/{id}", instructorId).exchange().expectStatus().isOk());
        String profile = querySide().get().uri("/api/instructors/{id}", instructorId).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Ada Lovelace")
                .returnResult().toString();
        assertThat(profile).doesNotContain("ada@walk.example").doesNotContain("7946");

        // the instructor fills in their public profile; the public view shows it, never email or phone
        commandSide().put().uri("/api/instructors/{id}/public-profile", instructorId)
                .headers(h -> h.setBearerAuth(instructorToken)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("avatarUri", "https://img.example/ada.png", "headline", "Poetical scientist",
                        "language", "en", "country", "GB", "socialLinks", List.of("https://social.example/ada"),
                        "workExperience", List.of(Map.of("organization", "Analytical Engine", "title", "Programmer",
                                "from", "1842-10"))))
                .exchange().expectStatus().isNoContent();
        commandSide().put().uri("/api/instructors/{id}/public-profile", instructorId)
                .headers(h -> h.setBearerAuth(instructorToken)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("website", "http://insecure.example", "country", "Britain"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.length()").isEqualTo(2);
        commandSide().put().uri("/api/instructors/{id}/public-profile", instructorId)
                .headers(h -> h.setBearerAuth(operatorToken)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("headline", "Set by an operator"))
                .exchange().expectStatus().isNoContent();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> querySide().get()
                .uri("/api/instructors/{id}", instructorId).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.headline").isEqualTo("Set by an operator"));
        commandSide().put().uri("/api/instructors/{id}/public-profile", instructorId)
                .headers(h -> h.setBearerAuth(instructorToken)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("avatarUri", "https://img.example/ada.png", "headline", "Poetical scientist",
                        "language", "en", "country", "GB", "socialLinks", List.of("https://social.example/ada"),
                        "workExperience", List.of(Map.of("organization", "Analytical Engine", "title", "Programmer",
                                "from", "1842-10"))))
                .exchange().expectStatus().isNoContent();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> querySide().get()
                .uri("/api/instructors/{id}", instructorId).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.headline").isEqualTo("Poetical scientist")
                .jsonPath("$.country").isEqualTo("GB")
                .jsonPath("$.socialLinks[0]").isEqualTo("https://social.example/ada")
                .jsonPath("$.workExperience[0].from").isEqualTo("1842-10"));
        String publicView = querySide().get().uri("/api/instructors/{id}", instructorId).exchange()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(publicView).doesNotContain("ada@walk.example").doesNotContain("7946");

        // the query side validates the command side's tokens through its JWKS
        querySide().get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(operatorToken)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics).contains("jvm_memory_used_bytes"));
        querySide().get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(instructorToken)).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        querySide().get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(instructorToken + "x"))
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        querySide().get().uri("/api/anything").exchange().expectStatus().isUnauthorized();
        querySide().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        querySide().get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/instructors/{instructorId}']").exists();
        commandSide().get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/instructors']").exists();

        // a password change ends the other sessions on the query side too, through NOTIFY
        querySide().get().uri("/api/me/profile").headers(h -> h.setBearerAuth(instructorToken)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.instructor.headline").isEqualTo("Poetical scientist");
        String renewed = commandSide().post().uri("/api/me/password").headers(h -> h.setBearerAuth(instructorToken))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", "analytical-engine-1843", "newPassword", "difference-engine-1822"))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("accessToken").toString();
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> querySide().get().uri("/api/me/profile")
                .headers(h -> h.setBearerAuth(instructorToken)).exchange().expectStatus().isUnauthorized());
        querySide().get().uri("/api/me/profile").headers(h -> h.setBearerAuth(renewed)).exchange()
                .expectStatus().isOk();

        services.close();
        services = start();

        querySide().get().uri("/api/instructors/{id}", instructorId).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Ada Lovelace");
        login("ada@walk.example", "difference-engine-1822");
        // registering a taken email answers like a new one; only the mailbox learns it is taken
        commandSide().post().uri("/api/instructors").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Ada Again", "email", "ADA@walk.example",
                        "phone", "+44 20 7946 0000", "password", "analytical-engine-1843"))
                .exchange().expectStatus().isAccepted()
                .expectBody().json("{\"status\":\"verification-sent\"}", true);
        String operatorAgain = login(OPERATOR_EMAIL, OPERATOR_PASSWORD);
        await().atMost(Duration.ofSeconds(60)).until(() -> TestMailbox.read(commandSide(), operatorAgain,
                "ADA@walk.example").stream().anyMatch(m -> m.get("body").toString().contains("already in use")));
    }
}
