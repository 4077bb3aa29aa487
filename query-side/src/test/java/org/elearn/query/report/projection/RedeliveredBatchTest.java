package org.elearn.query.report.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.events.membership.MemberImported;
import org.elearn.query.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The learning report once counted statements twice after a database crash. Here the crash
 * is played back on a real event store: the processors' tokens go back to the middle of what the
 * rows have applied already (rows committed, token lost), and the segments process again from
 * there, the old statements and some new ones in one batch. Every statement counts once.
 */
@QuerySideTest
class RedeliveredBatchTest {

    private static final long SECOND = 1000;

    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionTemplate tx;

    @Test
    void statementsDeliveredAgainAfterACrashCountOnce() {
        UUID organization = UUID.randomUUID();
        UUID trainee = UUID.randomUUID();
        publish(new MemberImported(trainee, organization, "Grace Hopper", "grace-" + trainee + "@example.com", null,
                "Navy"));
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statements.add(publish(statement(organization, trainee)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> reportMillis(trainee) == 20 * SECOND
                && activityMillis(trainee) == 20 * SECOND);

        long middle = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                Long.class, statements.get(9));
        List<StreamingEventProcessor> processors = List.of(processor("learning-report"), processor("learning-activity"));
        processors.forEach(StreamingEventProcessor::shutDown);
        processors.forEach(processor -> rollBack(processor.getName(), middle));
        for (int i = 0; i < 5; i++) {
            publish(statement(organization, trainee));
        }
        processors.forEach(StreamingEventProcessor::start);

        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> processors.stream().allMatch(p -> caughtUp(p, head)));
        assertThat(reportMillis(trainee)).isEqualTo(25 * SECOND);
        assertThat(activityMillis(trainee)).isEqualTo(25 * SECOND);
        assertThat(jdbc.queryForObject("SELECT statements FROM learning_activity WHERE trainee_id = ?", Long.class,
                trainee)).isEqualTo(25);
    }

    private String publish(Object payload) {
        EventMessage<?> message = GenericEventMessage.asEventMessage(payload);
        eventStore.publish(message);
        return message.getIdentifier();
    }

    private static StatementRecorded statement(UUID organization, UUID trainee) {
        Instant now = Instant.now();
        return new StatementRecorded(UUID.randomUUID(), organization, trainee, true,
                "http://adlnet.gov/expapi/verbs/experienced", "https://example.com/lesson", null, null, SECOND, null,
                null, now, now, "{}", null, null, null);
    }

    /** Every segment's token back at this position, as if the batches after it had never committed their token. */
    private void rollBack(String processor, long position) {
        tx.executeWithoutResult(status -> {
            for (int segment : tokenStore.fetchSegments(processor)) {
                tokenStore.storeToken(GapAwareTrackingToken.newInstance(position, Set.of()), processor, segment);
                tokenStore.releaseClaim(processor, segment);
            }
        });
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }

    private static boolean caughtUp(StreamingEventProcessor processor, long head) {
        var status = processor.processingStatus();
        return status.size() == 4 && status.values().stream()
                .allMatch(s -> s.getCurrentPosition().orElse(-1) >= head);
    }

    private long reportMillis(UUID trainee) {
        return jdbc.query("SELECT learning_millis FROM report_trainee WHERE trainee_id = ?",
                (rs, i) -> rs.getLong(1), trainee).stream().findFirst().orElse(-1L);
    }

    private long activityMillis(UUID trainee) {
        return jdbc.query("SELECT learning_millis FROM learning_activity WHERE trainee_id = ?",
                (rs, i) -> rs.getLong(1), trainee).stream().findFirst().orElse(-1L);
    }
}
