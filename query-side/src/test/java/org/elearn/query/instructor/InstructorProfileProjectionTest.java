package org.elearn.query.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.events.instructor.InstructorRegistered;
import org.elearn.query.QuerySideTest;
import org.elearn.query.sealing.ProjectionCipher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

@QuerySideTest
class InstructorProfileProjectionTest {

    @Autowired
    WebTestClient web;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProjectionCipher cipher;

    private UUID appendRegistration(String name) {
        UUID id = UUID.randomUUID();
        eventStore.publish(new GenericDomainEventMessage<>("Instructor", id.toString(), 0L,
                new InstructorRegistered(id, name, "secret-" + id + "@example.com", "+1 555 0199")));
        return id;
    }

    @Test
    void publicProfileShowsTheNameButNeverEmailOrPhone() {
        UUID id = appendRegistration("Katherine Johnson");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                web.get().uri("/api/instructors/{id}", id).exchange().expectStatus().isOk());

        String body = web.get().uri("/api/instructors/{id}", id).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.instructorId").isEqualTo(id.toString())
                .jsonPath("$.name").isEqualTo("Katherine Johnson")
                .jsonPath("$.registeredAt").isNotEmpty()
                .returnResult().toString();
        assertThat(body).doesNotContain("secret-").doesNotContain("555");
    }

    @Test
    void unknownInstructorIsA404Problem() {
        web.get().uri("/api/instructors/{id}", UUID.randomUUID()).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:instructor-not-found");
    }

    @Test
    void malformedIdIsA400Problem() {
        web.get().uri("/api/instructors/not-a-uuid").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void droppingTheProjectionAndItsTokenRebuildsTheSameRows() {
        appendRegistration("Dorothy Vaughan");
        appendRegistration("Mary Jackson");
        // other test classes share this context's database with events of other kinds
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = ?", Long.class,
                InstructorRegistered.class.getName());
        await().atMost(Duration.ofSeconds(60)).until(() -> rows().size() == events);
        List<Map<String, Object>> before = rows();

        StreamingEventProcessor processor = processing
                .eventProcessor(InstructorProfileProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        jdbc.update("DELETE FROM instructor_profile");
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", InstructorProfileProjection.PROCESSING_GROUP);
        assertThat(rows()).isEmpty();

        processor.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(rows()).isEqualTo(before));
    }

    @Test
    void redeliveringEveryEventRewritesNoRow() {
        UUID id = appendRegistration("Annie Easley");
        await().atMost(Duration.ofSeconds(60)).until(() -> rows().stream()
                .anyMatch(r -> r.get("instructor_id").equals(id)));
        // xmin changes whenever PostgreSQL rewrites a row, even with identical values
        List<Map<String, Object>> before = rowVersions();

        StreamingEventProcessor processor = processing
                .eventProcessor(InstructorProfileProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", InstructorProfileProjection.PROCESSING_GROUP);
        processor.start();
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp(processor, head));

        assertThat(rowVersions()).isEqualTo(before);
    }

    private static boolean caughtUp(StreamingEventProcessor processor, long head) {
        var status = processor.processingStatus();
        return status.size() == 4 && status.values().stream()
                .allMatch(s -> s.getCurrentPosition().orElse(-1) >= head);
    }

    private List<Map<String, Object>> rowVersions() {
        return jdbc.queryForList("SELECT instructor_id, xmin::text AS version FROM instructor_profile ORDER BY 1");
    }

    /** The rows with their sealed fields opened: a rebuild seals again, under fresh nonces. */
    private List<Map<String, Object>> rows() {
        return jdbc.queryForList("SELECT * FROM instructor_profile ORDER BY instructor_id").stream()
                .map(row -> cipher.openColumns("instructor_profile", (UUID) row.get("instructor_id"), row)).toList();
    }
}
