package org.elearn.query.report.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
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
 * The processors that handle statements read them sealed (docs/architecture.md, Decrypting only
 * what is read): a statement whose ciphertext no longer authenticates, which any decrypting reader
 * refuses as an integrity error, is still counted by the learning report and the learning activity
 * and indexed for its subject, and nothing is parked, because none of them ever opens it.
 */
@QuerySideTest
class SealedStatementsTest {

    private static final long SECOND = 1000;
    private static final List<String> STATEMENT_PROCESSORS =
            List.of("learning-report", "learning-activity", "personal-data-index");

    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    DeadLetters deadLetters;

    @Test
    void statementProcessorsNeverDecryptAStatement() {
        UUID organization = UUID.randomUUID();
        UUID trainee = UUID.randomUUID();
        SameSegment.publish(eventStore, new MemberImported(trainee, organization, "Grace Hopper",
                "grace-" + trainee + "@example.com", null, "Navy"));
        await().atMost(Duration.ofSeconds(60)).until(() -> reportMillis(trainee) == 0);
        List<StreamingEventProcessor> processors = STATEMENT_PROCESSORS.stream()
                .map(name -> processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow()).toList();
        processors.forEach(StreamingEventProcessor::shutDown);
        try {
            Instant now = Instant.now();
            String statement = SameSegment.publish(eventStore, new StatementRecorded(UUID.randomUUID(), organization,
                    trainee, true, "http://adlnet.gov/expapi/verbs/experienced", "https://example.com/lesson", null,
                    null, SECOND, null, null, now, now, "{\"actor\":{\"name\":\"Grace Hopper\"}}", "an answer",
                    null, null));
            // four more base64 characters in front: the nonce changes, so the tag no longer matches
            int broken = jdbc.update("""
                    UPDATE domain_event_entry
                       SET payload = convert_to(replace(convert_from(payload, 'UTF8'), '"pd1:', '"pd1:AAAA'), 'UTF8')
                     WHERE event_identifier = ?""", statement);
            assertThat(broken).isEqualTo(1);
        } finally {
            processors.forEach(StreamingEventProcessor::start);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(reportMillis(trainee)).isEqualTo(SECOND);
            assertThat(millis("learning_activity", trainee)).isEqualTo(SECOND);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM personal_data_event WHERE subject_id = ?"
                    + " AND payload_type = ?", Integer.class, trainee.toString(), StatementRecorded.class.getName()))
                    .isEqualTo(1);
        });
        assertThat(deadLetters.list(100)).filteredOn(group -> STATEMENT_PROCESSORS.contains(group.processingGroup()))
                .allSatisfy(group -> assertThat(group.letters()).extracting(DeadLetters.Letter::globalIndex)
                        .doesNotContain(position(trainee)));
    }

    private long reportMillis(UUID trainee) {
        return millis("report_trainee", trainee);
    }

    /** The trainee's learning time in that table; -1 while it has no row. */
    private long millis(String table, UUID trainee) {
        return jdbc.query("SELECT learning_millis FROM " + table + " WHERE trainee_id = ?",
                (rs, i) -> rs.getLong(1), trainee).stream().findFirst().orElse(-1L);
    }

    private Long position(UUID trainee) {
        return jdbc.queryForObject("SELECT max(global_index) FROM personal_data_event WHERE subject_id = ?",
                Long.class, trainee.toString());
    }
}
