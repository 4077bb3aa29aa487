package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.events.course.CourseDrafted;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One event that a projection cannot write (PostgreSQL refuses a NUL in {@code text}) is parked in
 * the dead-letter queue, and every other organization's reads stay current. The courses processor
 * runs one segment here, so the poison event and the other organization's course share it, as any
 * two tenants may share a segment in production.
 */
class PoisonEventIT {

    private LocalApi api;

    @BeforeEach
    void start() {
        api = services();
    }

    /**
     * The separate processor layout, the courses processor on one segment; {@code MergedPoisonEventIT}
     * starts the merged (default) layout.
     */
    LocalApi services() {
        return new LocalApi(TestDatabases.create(), "target/poison-secrets",
                Map.of("axon.eventhandling.processors.courses.initial-segment-count", 1,
                        "learning.processors.failing-window", "5s", "learning.query.processors", "separate"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void poisonEventIsParkedAndOtherOrganizationsStayCurrent() {
        String operator = api.operator();
        UUID poisoned = api.organization(operator, "Poisoned Org");
        UUID healthy = api.organization(operator, "Healthy Org");
        LocalApi.Admin admin = api.approvedAdmin(operator, healthy, "Hal", "hal-" + UUID.randomUUID() + "@org.example");
        String instructor = api.joined(operator, admin.token(), healthy,
                "ivy-" + UUID.randomUUID().toString().substring(0, 8) + "@healthy.example", "INSTRUCTOR");

        // while not even the dead-letter queue can take the poison event, the segment keeps failing:
        // readiness goes DOWN, and comes back once the queue takes it
        JdbcTemplate jdbc = api.services().querySide().getBean(JdbcTemplate.class);
        jdbc.execute("ALTER TABLE dead_letter_entry RENAME TO dead_letter_entry_away");
        // written straight to the event store, past the command side's input checks
        UUID poisonCourse = UUID.randomUUID();
        api.services().commandSide().getBean(EventStore.class).publish(new GenericDomainEventMessage<>("Course",
                poisonCourse.toString(), 0, new CourseDrafted(poisonCourse, poisoned, UUID.randomUUID(),
                "Poison\u0000title", "secret-description", "en", List.of())));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api.query().get()
                .uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503));
        jdbc.execute("ALTER TABLE dead_letter_entry_away RENAME TO dead_letter_entry");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> api.query().get()
                .uri("/actuator/health/readiness").exchange().expectStatus().isOk());

        String courseId = api.command().post().uri("/api/organizations/{o}/courses", healthy)
                .headers(h -> h.setBearerAuth(instructor)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Still Moving", "language", "en", "sections", List.of()))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("courseId").toString();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api.query().get()
                .uri("/api/organizations/{o}/courses/{c}", healthy, courseId).headers(h -> h.setBearerAuth(instructor))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.title").isEqualTo("Still Moving"));

        // the operator sees the letter, without its content
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.query().get()
                .uri("/api/operations/dead-letters").headers(h -> h.setBearerAuth(operator)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.processingGroup == 'courses')].total").isEqualTo(1)
                .jsonPath("$[?(@.processingGroup == 'courses')].letters[0].eventType")
                .isEqualTo(CourseDrafted.class.getName())
                .jsonPath("$[?(@.processingGroup == 'courses')].letters[0].causeMessage").isEqualTo("SQL state 22021")
                .jsonPath("$[?(@.processingGroup == 'courses')].letters[0].retries").isEqualTo(0));
        String listing = api.query().get().uri("/api/operations/dead-letters").headers(h -> h.setBearerAuth(operator))
                .exchange().expectBody(String.class).returnResult().getResponseBody();
        assertThat(listing).doesNotContain("Poison", "secret-description", poisoned.toString());
        String letter = listing.replaceAll("(?s).*\"processingGroup\":\"courses\",\"total\":1,\"letters\":\\[\\{\"id\":\"([^\"]+)\".*", "$1");

        // parked letters alert through the processors group and the gauge; readiness stays UP
        api.query().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        api.query().get().uri("/actuator/health/processors").exchange().expectStatus().isEqualTo(503);
        assertThat(api.query().get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(operator)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .contains("learning_dead_letters{processing_group=\"courses\"} 1.0");

        // a retry fails again and counts; a skip drops the letter
        api.query().post().uri("/api/operations/dead-letters/courses/{id}/retry", letter)
                .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("FAILED_AGAIN");
        api.query().get().uri("/api/operations/dead-letters").headers(h -> h.setBearerAuth(operator)).exchange()
                .expectBody().jsonPath("$[?(@.processingGroup == 'courses')].letters[0].retries").isEqualTo(1);
        api.query().post().uri("/api/operations/dead-letters/courses/{id}/skip", letter)
                .headers(h -> h.setBearerAuth(admin.token())).exchange().expectStatus().isForbidden();
        api.query().post().uri("/api/operations/dead-letters/courses/{id}/skip", letter)
                .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isNoContent();
        api.query().post().uri("/api/operations/dead-letters/courses/{id}/skip", letter)
                .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        api.query().get().uri("/api/operations/dead-letters").headers(h -> h.setBearerAuth(operator)).exchange()
                .expectBody().jsonPath("$[?(@.processingGroup == 'courses')].total").isEqualTo(0);
        api.query().get().uri("/actuator/health/processors").exchange().expectStatus().isOk();
    }
}
