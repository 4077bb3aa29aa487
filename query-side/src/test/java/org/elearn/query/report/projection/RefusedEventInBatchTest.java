package org.elearn.query.report.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.events.membership.MemberImported;
import org.elearn.query.QuerySideTest;
import org.elearn.query.SameSegment;
import org.elearn.support.axon.DeadLetters;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A value PostgreSQL refuses in a batched projection (here a statement time stamp past
 * PostgreSQL's year 294276, which the event store keeps but no timestamptz column takes) used to
 * fail the whole batch again and again: the segment stalled for every organization on it. Now the
 * batch is retried one event at a time; only the refused event (and its trainee's later events) is
 * parked, and the other organization's trainee on the same segment is counted.
 */
@QuerySideTest
class RefusedEventInBatchTest {

    private static final long SECOND = 1000;

    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DeadLetters deadLetters;

    @Test
    void aRefusedStatementIsParkedAndTheOtherOrganizationOnItsSegmentStaysCurrent() {
        UUID poisoned = UUID.randomUUID();
        UUID other = SameSegment.as(poisoned);
        UUID poisonedOrganization = UUID.randomUUID();
        UUID otherOrganization = UUID.randomUUID();
        publish(new MemberImported(poisoned, poisonedOrganization, "Ada Lovelace", "ada-" + poisoned + "@example.com",
                null, "Analytics"));
        publish(new MemberImported(other, otherOrganization, "Alan Turing", "alan-" + other + "@example.com", null,
                "Codes"));
        publish(statement(poisonedOrganization, poisoned, Instant.now()));
        String refused = publish(statement(poisonedOrganization, poisoned, Instant.parse("+300000-01-01T00:00:00Z")));
        for (int i = 0; i < 3; i++) {
            publish(statement(otherOrganization, other, Instant.now()));
        }
        publish(statement(poisonedOrganization, poisoned, Instant.now()));
        long refusedIndex = jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?", Long.class, refused);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(millis("report_trainee", other)).isEqualTo(3 * SECOND);
            assertThat(millis("learning_activity", other)).isEqualTo(3 * SECOND);
        });
        assertThat(millis("report_trainee", poisoned)).isEqualTo(SECOND);
        assertThat(millis("learning_activity", poisoned)).isEqualTo(SECOND);
        for (String group : List.of("learning-report", "learning-activity")) {
            DeadLetters.Group letters = deadLetters.list(100).stream()
                    .filter(g -> g.processingGroup().equals(group)).findFirst().orElseThrow();
            assertThat(letters.letters()).as(group).extracting(DeadLetters.Letter::globalIndex)
                    .first().isEqualTo(refusedIndex);
            assertThat(letters.total()).as(group + ": the refused statement and its trainee's later one").isEqualTo(2);
        }
    }

    private static StatementRecorded statement(UUID organization, UUID trainee, Instant at) {
        return new StatementRecorded(UUID.randomUUID(), organization, trainee, true,
                "http://adlnet.gov/expapi/verbs/experienced", "https://example.com/lesson", null, null, SECOND, null,
                null, at, Instant.now(), "{}", null, null, null);
    }

    private long millis(String table, UUID trainee) {
        return jdbc.query("SELECT learning_millis FROM " + table + " WHERE trainee_id = ?",
                (rs, i) -> rs.getLong(1), trainee).stream().findFirst().orElse(-1L);
    }

    private String publish(Object payload) {
        return SameSegment.publish(eventStore, payload);
    }
}
