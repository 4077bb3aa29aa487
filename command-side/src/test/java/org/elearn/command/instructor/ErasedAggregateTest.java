package org.elearn.command.instructor;

import org.elearn.command.web.TestTokens;
import org.elearn.testsupport.TestMailbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.elearn.command.CommandSideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** After erasure the aggregate still loads, from events and from a snapshot; its personal state reads "[erased]". */
@CommandSideTest
class ErasedAggregateTest {

    @Autowired
    WebTestClient web;
    @Autowired
    Repository<Instructor> instructors;
    @Autowired
    Snapshotter snapshotter;
    @Autowired
    JdbcTemplate jdbc;

    private Instructor load(UUID id) {
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        try {
            return instructors.load(id.toString()).invoke(instructor -> instructor);
        } finally {
            uow.rollback();
        }
    }

    private static String field(Instructor instructor, String name) throws Exception {
        var field = Instructor.class.getDeclaredField(name);
        field.setAccessible(true);
        return (String) field.get(instructor);
    }

    @Test
    void erasedInstructorLoadsWithReplacementValuesFromEventsAndSnapshot() throws Exception {
        String email = "aggregate-" + UUID.randomUUID() + "@example.com";
        UUID id = TestMailbox.registered(web, TestTokens.operator(web), "/api/instructors", Map.of("name", "Snap Shot",
                "email", email, "phone", "+1 555 0100", "password", "long-enough-password"));
        String token = web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", "long-enough-password")).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody()
                .get("accessToken").toString();
        // Axon takes no snapshot of an aggregate with a single event
        web.put().uri("/api/instructors/{id}/profile", id).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Snap Shot", "phone", "+1 555 0199"))
                .exchange().expectStatus().isNoContent();
        snapshotter.scheduleSnapshot(Instructor.class, id.toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Long.class,
                id.toString()) == 1);
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM snapshot_event_entry "
                + "WHERE aggregate_identifier = ?", String.class, id.toString()))
                .contains("pd1:").doesNotContain("Snap Shot").doesNotContain(email);
        assertThat(field(load(id), "name")).isEqualTo("Snap Shot");

        web.post().uri("/api/users/{id}/erasure", id).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isAccepted();

        Instructor erased = load(id);
        assertThat(field(erased, "name")).isEqualTo("[erased]");
        assertThat(field(erased, "email")).isEqualTo("[erased]");
        assertThat(field(erased, "phone")).isEqualTo("[erased]");
    }
}
