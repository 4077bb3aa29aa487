package org.elearn.query.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.elearn.query.projection.ProjectionTests.at;
import static org.elearn.query.projection.ProjectionTests.count;
import static org.elearn.query.projection.ProjectionTests.fence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.events.course.AssessmentAttempted;
import org.elearn.events.course.AssignmentSubmitted;
import org.elearn.events.course.CertificateIssued;
import org.elearn.events.course.CourseCompleted;
import org.elearn.events.course.CourseStarted;
import org.elearn.events.course.EnrolmentSource;
import org.elearn.events.course.LessonCompleted;
import org.elearn.events.course.LessonKind;
import org.elearn.events.course.TraineeEnrolled;
import org.elearn.events.course.TraineeUnenrolled;
import org.elearn.query.projection.ProjectionTests;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The enrolment projection's handlers, called directly, on a real PostgreSQL. */
class EnrolmentProjectionTest {

    private static final JdbcTemplate JDBC = ProjectionTests.migratedDatabase();
    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-03-03T09:00:00Z");

    private final EnrolmentProjection projection = new EnrolmentProjection(JDBC);
    private final UUID trainee = UUID.randomUUID();
    private final UUID course = UUID.randomUUID();
    private final UUID organization = UUID.randomUUID();
    private final UUID exam = UUID.randomUUID();

    private void enrol(long globalIndex) {
        projection.on(new TraineeEnrolled(trainee, course, organization, EnrolmentSource.ASSIGNED), MONDAY,
                at(globalIndex));
    }

    private AssessmentAttempted attempt(int score, boolean passed, Instant at) {
        return new AssessmentAttempted(trainee, course, organization, exam, LessonKind.EXAM, score, passed, at, at);
    }

    private CertificateIssued certificate(String code) {
        return new CertificateIssued(UUID.randomUUID(), trainee, course, organization, code, TUESDAY, TUESDAY);
    }

    private Map<String, Object> enrolment() {
        return JDBC.queryForMap("SELECT * FROM enrolment_view WHERE trainee_id = ? AND course_id = ?", trainee, course);
    }

    private Map<String, Object> lesson(UUID lesson) {
        return JDBC.queryForMap("SELECT kind, done_at, attempts, best_score FROM lesson_progress"
                + " WHERE trainee_id = ? AND lesson_id = ?", trainee, lesson);
    }

    private long rowsAboutTheTrainee() {
        return count(JDBC, "enrolment_view", "trainee_id = ?", trainee)
                + count(JDBC, "lesson_progress", "trainee_id = ?", trainee)
                + count(JDBC, "certificate_view", "trainee_id = ?", trainee);
    }

    @Test
    void anEnrolmentFollowsTheTraineesProgressToTheCertificate() {
        UUID lesson = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        enrol(10);
        projection.on(new CourseStarted(trainee, course, organization, MONDAY, MONDAY));
        projection.on(new LessonCompleted(trainee, course, organization, lesson, MONDAY, MONDAY), at(11));
        projection.on(new AssignmentSubmitted(trainee, course, organization, assignment, "answers", MONDAY, MONDAY),
                at(12));
        projection.on(new CourseCompleted(trainee, course, organization, TUESDAY, TUESDAY));
        projection.on(certificate("CODE-" + trainee));

        assertThat(enrolment()).containsEntry("source", "ASSIGNED").containsEntry("organization_id", organization)
                .containsEntry("started_at", Timestamp.from(MONDAY)).containsEntry("completed_at", Timestamp.from(TUESDAY))
                .containsEntry("certificate_code", "CODE-" + trainee);
        assertThat(lesson(lesson)).containsEntry("kind", "LESSON").containsEntry("done_at", Timestamp.from(MONDAY));
        assertThat(lesson(assignment)).containsEntry("kind", "ASSIGNMENT");
        assertThat(JDBC.queryForObject("SELECT trainee_id FROM certificate_view WHERE verification_code = ?",
                UUID.class, "CODE-" + trainee)).isEqualTo(trainee);
    }

    @Test
    void examAttemptsCountAndKeepTheBestScoreAndTheFirstPass() {
        enrol(10);
        projection.on(attempt(40, false, MONDAY), at(11));
        projection.on(attempt(90, true, MONDAY), at(12));
        projection.on(attempt(70, true, TUESDAY), at(13));

        assertThat(lesson(exam)).containsEntry("kind", "EXAM").containsEntry("attempts", 3)
                .containsEntry("best_score", 90).containsEntry("done_at", Timestamp.from(MONDAY));
    }

    @Test
    void unenrollingRemovesTheEnrolmentButNotALaterOne() {
        enrol(10);
        projection.on(new TraineeUnenrolled(trainee, course, organization), at(11));
        assertThat(count(JDBC, "enrolment_view", "trainee_id = ?", trainee)).isZero();

        enrol(12);
        projection.on(new TraineeUnenrolled(trainee, course, organization), at(11));

        assertThat(enrolment()).containsEntry("last_global_index", 12L);
    }

    @Test
    void eventsDeliveredAgainCountOnce() {
        enrol(10);
        projection.on(attempt(40, false, MONDAY), at(11));
        projection.on(certificate("CODE-" + trainee));
        Map<String, Object> before = enrolment();

        enrol(10);
        projection.on(attempt(40, false, MONDAY), at(11));
        projection.on(certificate("CODE-" + trainee));

        assertThat(enrolment()).isEqualTo(before);
        assertThat(lesson(exam)).containsEntry("attempts", 1);
        assertThat(count(JDBC, "certificate_view", "trainee_id = ?", trainee)).isEqualTo(1);
    }

    @Test
    void erasureDeletesTheTraineesRowsAndUnlinksTheirCertificate() {
        enrol(10);
        projection.on(new LessonCompleted(trainee, course, organization, UUID.randomUUID(), MONDAY, MONDAY), at(11));
        projection.on(certificate("CODE-" + trainee));

        projection.erase(trainee);

        assertThat(rowsAboutTheTrainee()).isZero();
        assertThat(count(JDBC, "certificate_view", "verification_code = ? AND trainee_id IS NULL", "CODE-" + trainee))
                .isEqualTo(1);
    }

    @Test
    void aFencedTraineeGetsNoRowAndAnUnlinkedCertificate() {
        fence(JDBC, trainee);

        enrol(10);
        projection.on(new LessonCompleted(trainee, course, organization, UUID.randomUUID(), MONDAY, MONDAY), at(11));
        projection.on(attempt(90, true, MONDAY), at(12));
        projection.on(certificate("CODE-" + trainee));

        assertThat(rowsAboutTheTrainee()).isZero();
        assertThat(count(JDBC, "certificate_view", "verification_code = ?", "CODE-" + trainee)).isEqualTo(1);
    }

    @Test
    void aResetEmptiesEveryTable() {
        enrol(10);
        projection.on(new LessonCompleted(trainee, course, organization, UUID.randomUUID(), MONDAY, MONDAY), at(11));
        projection.on(certificate("CODE-" + trainee));

        ProjectionTests.resetAsAxonDoes(projection);

        for (String table : List.of("enrolment_view", "lesson_progress", "certificate_view")) {
            assertThat(count(JDBC, table, "true")).as(table).isZero();
        }
    }
}
