package org.elearn.command.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.command.CommandSideTest;
import org.elearn.events.course.CourseStarted;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Progress events stored before revision 2 load through the service's upcaster chain. */
@CommandSideTest
class StoredProgressEventsTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;

    @Test
    void anEventOfTheFirstRevisionLoadsWithItsStoredTimeAndTheClientTimeAsReported() {
        UUID trainee = UUID.randomUUID();
        UUID course = UUID.randomUUID();
        UUID organization = UUID.randomUUID();
        String enrolment = Enrolment.idOf(trainee, course).toString();
        Instant stored = Instant.parse("2026-11-25T10:00:01.500Z");
        String json = "{\"traineeId\":\"" + trainee + "\",\"courseId\":\"" + course + "\",\"organizationId\":\""
                + organization + "\",\"startedAt\":\"2020-01-01T08:00:00Z\"}";
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type,
                                                time_stamp, aggregate_identifier, sequence_number, type)
                VALUES (?, ?, ?, NULL, ?, ?, ?, 0, 'Enrolment')""",
                UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8), CourseStarted.class.getName(), stored.toString(), enrolment);

        Object payload = eventStore.readEvents(enrolment).next().getPayload();

        assertThat(payload).isEqualTo(new CourseStarted(trainee, course, organization, stored,
                Instant.parse("2020-01-01T08:00:00Z")));
    }
}
