package org.elearn.query.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.elearn.query.projection.ProjectionTests.count;
import static org.elearn.query.projection.ProjectionTests.fence;
import static org.elearn.query.projection.ProjectionTests.tracked;
import static org.elearn.query.projection.ProjectionTests.voided;
import static org.elearn.query.projection.ProjectionTests.voiding;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.query.projection.ProjectionTests;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The learning activity projection's handler, called in a processor's unit of work as it is live
 * (the batch is summed in memory and written when the unit of work commits), on a real PostgreSQL.
 */
class LearningActivityProjectionTest {

    private static final JdbcTemplate JDBC = ProjectionTests.migratedDatabase();
    private static final Instant EARLY = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant LATE = Instant.parse("2026-03-02T10:00:00Z");

    private final LearningActivityProjection projection = new LearningActivityProjection(JDBC);
    private final UUID organization = UUID.randomUUID();
    private final UUID trainee = UUID.randomUUID();

    private StatementRecorded statement(UUID actor, boolean member, long millis, Instant at) {
        return new StatementRecorded(UUID.randomUUID(), organization, actor, member,
                "http://adlnet.gov/expapi/verbs/experienced", "https://example.com/lesson", null, null, millis, null,
                null, at, at, "{}", null, null, null);
    }

    private void batch(EventMessage<?>... messages) {
        ProjectionTests.inOneBatch(List.of(messages), projection);
    }

    private Map<String, Object> row(UUID member) {
        return JDBC.queryForMap("SELECT organization_id, learning_millis, statements, last_activity"
                + " FROM learning_activity WHERE trainee_id = ?", member);
    }

    @Test
    void aBatchSumsEachMembersTimeAndStatements() {
        UUID other = UUID.randomUUID();
        batch(tracked(statement(trainee, true, 1000, LATE), 10), tracked(statement(other, true, 500, EARLY), 11),
                tracked(statement(trainee, true, 2000, EARLY), 12));
        batch(tracked(statement(trainee, true, 4000, EARLY), 13));

        assertThat(row(trainee)).containsEntry("organization_id", organization)
                .containsEntry("learning_millis", 7000L).containsEntry("statements", 3L)
                .containsEntry("last_activity", Timestamp.from(LATE));
        assertThat(row(other)).containsEntry("learning_millis", 500L).containsEntry("statements", 1L);
    }

    @Test
    void statementsAboutNonMembersCountForNobody() {
        batch(tracked(statement(trainee, false, 1000, EARLY), 10));

        assertThat(count(JDBC, "learning_activity", "trainee_id = ?", trainee)).isZero();
    }

    @Test
    void aBatchDeliveredAgainCountsOnceWhileAStatementFillingAGapCounts() {
        EventMessage<?> first = tracked(statement(trainee, true, 1000, EARLY), 10);
        // 11 was still being written when 12 was read: the token of 12 lists it as a gap
        EventMessage<?> afterGap = tracked(statement(trainee, true, 2000, EARLY),
                GapAwareTrackingToken.newInstance(12, Set.of(11L)));
        batch(first, afterGap);

        batch(first, afterGap);
        assertThat(row(trainee)).containsEntry("learning_millis", 3000L).containsEntry("statements", 2L);

        batch(tracked(statement(trainee, true, 4000, EARLY), 11), afterGap);
        assertThat(row(trainee)).containsEntry("learning_millis", 7000L).containsEntry("statements", 3L);
    }

    @Test
    void aVoidedStatementIsTakenBackOnceAndTheVoidingStatementCountsForNothing() {
        StatementRecorded late = statement(trainee, true, 1000, LATE);
        batch(tracked(late, 10), tracked(statement(trainee, true, 2000, EARLY), 11));

        EventMessage<?> voiding = tracked(voiding(late), 12);
        EventMessage<?> voided = tracked(voided(late), 13);
        batch(voiding, voided);
        batch(voiding, voided);

        assertThat(row(trainee)).containsEntry("learning_millis", 2000L).containsEntry("statements", 1L)
                .as("a maximum is not taken back").containsEntry("last_activity", Timestamp.from(LATE));
    }

    @Test
    void aStatementVoidedInTheBatchThatRecordsItLeavesTheRowAsItWas() {
        batch(tracked(statement(trainee, true, 1000, EARLY), 10));
        StatementRecorded voidedOnArrival = statement(trainee, true, 5000, EARLY);
        batch(tracked(voidedOnArrival, 11), tracked(voided(voidedOnArrival), 12));

        assertThat(row(trainee)).containsEntry("learning_millis", 1000L).containsEntry("statements", 1L);
    }

    @Test
    void aVoidedStatementOfANonMemberOrOfAFencedMemberChangesNothing() {
        batch(tracked(voided(statement(trainee, false, 1000, EARLY)), 10));
        fence(JDBC, trainee);
        batch(tracked(voided(statement(trainee, true, 1000, EARLY)), 11));

        assertThat(count(JDBC, "learning_activity", "trainee_id = ?", trainee)).isZero();
    }

    @Test
    void erasureDeletesTheRowAndAFencedMemberGetsNoneAgain() {
        batch(tracked(statement(trainee, true, 1000, EARLY), 10));

        projection.erase(trainee);
        fence(JDBC, trainee);
        batch(tracked(statement(trainee, true, 1000, EARLY), 11));

        assertThat(count(JDBC, "learning_activity", "trainee_id = ?", trainee)).isZero();
    }

    @Test
    void aResetEmptiesTheTable() {
        batch(tracked(statement(trainee, true, 1000, EARLY), 10));

        ProjectionTests.resetAsAxonDoes(projection);

        assertThat(count(JDBC, "learning_activity", "true")).isZero();
    }
}
