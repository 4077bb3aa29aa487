package org.elearn.query.report.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.elearn.query.projection.ProjectionTests.count;
import static org.elearn.query.projection.ProjectionTests.fence;
import static org.elearn.query.projection.ProjectionTests.tracked;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.events.course.AssessmentAttempted;
import org.elearn.events.course.CourseCompleted;
import org.elearn.events.course.CourseStarted;
import org.elearn.events.course.EnrolmentSource;
import org.elearn.events.course.LessonKind;
import org.elearn.events.course.TraineeEnrolled;
import org.elearn.events.course.TraineeUnenrolled;
import org.elearn.events.membership.InvitationAccepted;
import org.elearn.events.membership.InvitedRole;
import org.elearn.events.membership.MemberDeactivated;
import org.elearn.events.membership.MemberDetailsChanged;
import org.elearn.events.membership.MemberImported;
import org.elearn.events.privacy.UserErased;
import org.elearn.events.processing.ObjectedToAnalytics;
import org.elearn.events.processing.ProcessingRestricted;
import org.elearn.events.processing.ProcessingRestrictionLifted;
import org.elearn.query.projection.ProjectionTests;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The learning report projection's handlers, in a processor's unit of work as it is live (the batch
 * is applied in memory and written when the unit of work commits), on the live tables of a real
 * PostgreSQL.
 */
class LearningReportProjectionTest {

    private static final JdbcTemplate JDBC = ProjectionTests.migratedDatabase();
    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-03-03T09:00:00Z");

    private final LearningReportProjection projection = new LearningReportProjection(JDBC, ReportTables.LIVE);
    private final UUID trainee = UUID.randomUUID();
    private final UUID organization = UUID.randomUUID();
    private final UUID course = UUID.randomUUID();
    private long globalIndex = 100;

    /** One processor batch of these events, at the next global indexes. */
    private List<EventMessage<?>> batch(Object... events) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (Object event : events) {
            messages.add(tracked(event, globalIndex++));
        }
        ProjectionTests.inOneBatch(messages, projection);
        return messages;
    }

    private MemberImported imported() {
        return new MemberImported(trainee, organization, "Ada Lovelace", "ada@example.com", null, "Engineering");
    }

    private AssessmentAttempted attempt(LessonKind kind, int score, boolean passed) {
        return new AssessmentAttempted(trainee, course, organization, UUID.randomUUID(), kind, score, passed, TUESDAY,
                TUESDAY);
    }

    private StatementRecorded statement(long millis, Instant at) {
        return new StatementRecorded(UUID.randomUUID(), organization, trainee, true,
                "http://adlnet.gov/expapi/verbs/experienced", "https://example.com/lesson", null, null, millis, null,
                null, at, at, "{}", null, null, null);
    }

    private Map<String, Object> traineeRow() {
        return JDBC.queryForMap("SELECT department, status, learning_millis, courses_enrolled, courses_started,"
                + " courses_completed, exams_taken, exams_passed, restricted, objected, erased"
                + " FROM report_trainee WHERE trainee_id = ?", trainee);
    }

    private Map<String, Object> enrolmentRow() {
        return JDBC.queryForMap("SELECT enrolled, exam_attempts, exams_passed, score_sum, scored_attempts, erased"
                + " FROM report_enrolment WHERE trainee_id = ? AND course_id = ?", trainee, course);
    }

    @Test
    void aTraineesLearningCountsInTheirRowAndTheirEnrolment() {
        batch(imported(), new TraineeEnrolled(trainee, course, organization, EnrolmentSource.ASSIGNED),
                new CourseStarted(trainee, course, organization, MONDAY, MONDAY), statement(1500, MONDAY));
        batch(attempt(LessonKind.QUIZ, 30, false), attempt(LessonKind.EXAM, 80, true), statement(500, TUESDAY),
                new CourseCompleted(trainee, course, organization, TUESDAY, TUESDAY),
                new MemberDetailsChanged(trainee, organization, "Ada King", null, "Research"));

        assertThat(traineeRow()).containsEntry("department", "Research").containsEntry("learning_millis", 2000L)
                .containsEntry("courses_enrolled", 1).containsEntry("courses_started", 1)
                .containsEntry("courses_completed", 1).containsEntry("exams_taken", 1)
                .containsEntry("exams_passed", 1);
        assertThat(enrolmentRow()).containsEntry("enrolled", true).containsEntry("exam_attempts", 1)
                .containsEntry("score_sum", 80L).containsEntry("scored_attempts", 1);
    }

    @Test
    void aCourseStartedOrCompletedAgainCountsOnce() {
        batch(imported(), new TraineeEnrolled(trainee, course, organization, EnrolmentSource.ASSIGNED),
                new CourseStarted(trainee, course, organization, MONDAY, MONDAY),
                new CourseCompleted(trainee, course, organization, MONDAY, MONDAY));
        batch(new CourseStarted(trainee, course, organization, TUESDAY, TUESDAY),
                new CourseCompleted(trainee, course, organization, TUESDAY, TUESDAY),
                new CourseStarted(trainee, UUID.randomUUID(), organization, TUESDAY, TUESDAY));

        assertThat(traineeRow()).containsEntry("courses_started", 1).containsEntry("courses_completed", 1);
        assertThat(JDBC.queryForObject("SELECT started_at = ? AND completed_at = ? FROM report_enrolment"
                + " WHERE trainee_id = ? AND course_id = ?", Boolean.class, java.sql.Timestamp.from(MONDAY),
                java.sql.Timestamp.from(MONDAY), trainee, course)).isTrue();
    }

    @Test
    void unenrolmentDeactivationAndTheSubjectsChoicesChangeTheRow() {
        batch(imported(), new TraineeEnrolled(trainee, course, organization, EnrolmentSource.SUBSCRIBED));
        batch(new TraineeUnenrolled(trainee, course, organization), new MemberDeactivated(trainee, organization),
                new ProcessingRestricted(trainee, organization, trainee),
                new ObjectedToAnalytics(trainee, organization, trainee));

        assertThat(traineeRow()).containsEntry("courses_enrolled", 0).containsEntry("status", "DEACTIVATED")
                .containsEntry("restricted", true).containsEntry("objected", true);
        assertThat(enrolmentRow()).containsEntry("enrolled", false);

        batch(new ProcessingRestrictionLifted(trainee, organization, trainee));
        assertThat(traineeRow()).containsEntry("restricted", false);
    }

    @Test
    void onlyTraineesHaveARow() {
        batch(new InvitationAccepted(UUID.randomUUID(), trainee, organization, "Grace", "g@example.com",
                InvitedRole.INSTRUCTOR), statement(1000, MONDAY));

        assertThat(count(JDBC, "report_trainee", "trainee_id = ?", trainee)).isZero();
    }

    @Test
    void aBatchDeliveredAgainCountsOnce() {
        batch(imported());
        List<EventMessage<?>> messages = batch(new TraineeEnrolled(trainee, course, organization,
                EnrolmentSource.ASSIGNED), attempt(LessonKind.EXAM, 80, true), statement(1000, MONDAY));
        Map<String, Object> before = traineeRow();

        ProjectionTests.inOneBatch(messages, projection);

        assertThat(traineeRow()).isEqualTo(before).containsEntry("learning_millis", 1000L)
                .containsEntry("exams_taken", 1);
        assertThat(enrolmentRow()).containsEntry("exam_attempts", 1);
    }

    /** A progress statement stored at {@code stored}, which the client dated a day before. */
    private StatementRecorded progress(String verb, long millis, Instant stored) {
        return new StatementRecorded(UUID.randomUUID(), organization, trainee, true,
                "http://adlnet.gov/expapi/verbs/" + verb, "https://example.com/courses/" + course + "/lessons/x", course,
                UUID.randomUUID(), millis, null, true, stored.minusSeconds(86_400), stored, "{}", null, null, null);
    }

    @Test
    void aVoidedCompletionNoLongerCountsAndItsTimeIsTakenBackOnce() {
        StatementRecorded launch = progress("launched", 1500, MONDAY);
        StatementRecorded completion = progress("completed", 600_000, TUESDAY);
        batch(imported(), new TraineeEnrolled(trainee, course, organization, EnrolmentSource.ASSIGNED), launch,
                new CourseStarted(trainee, course, organization, MONDAY, MONDAY), completion,
                new CourseCompleted(trainee, course, organization, TUESDAY, MONDAY));
        assertThat(traineeRow()).containsEntry("courses_completed", 1).containsEntry("learning_millis", 601_500L);

        List<EventMessage<?>> voiding = batch(ProjectionTests.voiding(completion), ProjectionTests.voided(completion));
        ProjectionTests.inOneBatch(voiding, projection);

        assertThat(traineeRow()).containsEntry("courses_completed", 0).containsEntry("courses_started", 1)
                .as("the voiding statement is no learning").containsEntry("learning_millis", 1500L);
        assertThat(JDBC.queryForObject("SELECT completed_at IS NULL AND started_at IS NOT NULL FROM report_enrolment"
                + " WHERE trainee_id = ? AND course_id = ?", Boolean.class, trainee, course)).isTrue();
    }

    @Test
    void aVoidedStatementThatDidNotCompleteTheCourseLeavesTheCompletion() {
        StatementRecorded launch = progress("launched", 1500, MONDAY);
        StatementRecorded experienced = statement(700, TUESDAY);
        batch(imported(), new TraineeEnrolled(trainee, course, organization, EnrolmentSource.ASSIGNED), launch,
                new CourseStarted(trainee, course, organization, MONDAY, MONDAY), experienced,
                progress("completed", 500, TUESDAY), new CourseCompleted(trainee, course, organization, TUESDAY, MONDAY));

        batch(ProjectionTests.voided(launch), ProjectionTests.voided(experienced));

        assertThat(traineeRow()).as("an experienced statement at the completion's time completed nothing")
                .containsEntry("courses_completed", 1).containsEntry("courses_started", 1)
                .containsEntry("learning_millis", 500L);
    }

    @Test
    void aFencedTraineesVoidedStatementBringsNoRowBack() {
        fence(JDBC, trainee);

        batch(ProjectionTests.voided(statement(700, TUESDAY)));

        assertThat(count(JDBC, "report_trainee", "trainee_id = ? AND NOT erased", trainee)).isZero();
    }

    @Test
    void erasureMarksTheRowsWhichAggregatesKeepCounting() {
        batch(imported(), new TraineeEnrolled(trainee, course, organization, EnrolmentSource.ASSIGNED),
                statement(1000, MONDAY));

        projection.erase(trainee, globalIndex);

        assertThat(traineeRow()).containsEntry("erased", true).containsEntry("learning_millis", 1000L);
        assertThat(enrolmentRow()).containsEntry("erased", true);
    }

    @Test
    void anErasureInTheStreamMarksTheRowsToo() {
        batch(imported(), new UserErased(trainee, organization));

        assertThat(traineeRow()).containsEntry("erased", true);
    }

    @Test
    void aFencedTraineesRowsAreMadeErased() {
        fence(JDBC, trainee);

        batch(imported(), new TraineeEnrolled(trainee, course, organization, EnrolmentSource.ASSIGNED));

        assertThat(traineeRow()).containsEntry("erased", true);
        assertThat(enrolmentRow()).containsEntry("erased", true);
    }

    @Test
    void aResetEmptiesBothTables() {
        batch(imported(), new TraineeEnrolled(trainee, course, organization, EnrolmentSource.ASSIGNED));

        ProjectionTests.resetAsAxonDoes(projection);

        assertThat(count(JDBC, "report_trainee", "true") + count(JDBC, "report_enrolment", "true")).isZero();
    }
}
