package org.elearn.query.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.query.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@link ActivityQueries} on a real database, fed by the projection: a trainee's learning in whole
 * seconds with their statement count and last activity, nothing learnt (and no last activity in the
 * JSON) for someone without statements, and the whole row for the personal-data export.
 */
@QuerySideTest
class ActivityQueriesTest {

    private static final Instant EARLY = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant LATE = Instant.parse("2026-03-02T10:00:00Z");

    @Autowired
    EventStore eventStore;
    @Autowired
    ActivityQueries activity;
    @Autowired
    ObjectMapper mapper;

    @Test
    void readsATraineesLearning() {
        UUID organization = UUID.randomUUID();
        UUID trainee = UUID.randomUUID();
        publish(new StatementRecorded(UUID.randomUUID(), organization, trainee, true,
                "http://adlnet.gov/expapi/verbs/experienced", "https://example.com/lesson", null, null, 90_500L, null,
                null, LATE, LATE, "{}", null, null, null));
        publish(new StatementRecorded(UUID.randomUUID(), organization, trainee, true,
                "http://adlnet.gov/expapi/verbs/experienced", "https://example.com/lesson", null, null, 1_000L, null,
                null, EARLY, EARLY, "{}", null, null, null));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> activity.learning(trainee).block().statements() == 2);

        ActivityQueries.Learning learning = activity.learning(trainee).block();
        assertThat(learning.learningSeconds()).isEqualTo(91);
        assertThat(learning.lastActivity()).isEqualTo(LATE);
        assertThat(fields(mapper.valueToTree(learning))).containsExactly("learningSeconds", "statements",
                "lastActivity");
        assertThat(activity.recordNow(trainee)).hasValueSatisfying(row -> {
            assertThat(row.organizationId()).isEqualTo(organization);
            assertThat(row.learningMillis()).isEqualTo(91_500L);
            assertThat(row.statements()).isEqualTo(2L);
        });

        JsonNode nothing = mapper.valueToTree(activity.learning(UUID.randomUUID()).block());
        assertThat(nothing.toString()).isEqualTo("{\"learningSeconds\":0,\"statements\":0}");
        assertThat(activity.recordNow(UUID.randomUUID())).isEmpty();
    }

    private void publish(StatementRecorded statement) {
        eventStore.publish(GenericEventMessage.asEventMessage(statement));
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
