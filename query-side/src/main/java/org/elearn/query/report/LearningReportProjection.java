package org.elearn.query.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.events.course.AssessmentAttempted;
import org.elearn.events.course.CourseCompleted;
import org.elearn.events.course.CourseStarted;
import org.elearn.events.course.LessonKind;
import org.elearn.events.course.TraineeEnrolled;
import org.elearn.events.course.TraineeUnenrolled;
import org.elearn.events.membership.InvitationAccepted;
import org.elearn.events.membership.InvitedRole;
import org.elearn.events.membership.MemberDeactivated;
import org.elearn.events.membership.MemberDetailsChanged;
import org.elearn.events.membership.MemberEdited;
import org.elearn.events.membership.MemberImported;
import org.elearn.events.membership.MemberReactivated;
import org.elearn.query.privacy.ErasableProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code report_trainee} and {@code report_enrolment}: each trainee's figures as counters,
 * updated as their events arrive. All events of one trainee reach this processor in order on one
 * segment (data-subject sequencing), and rows are written in the same transaction as the token, so
 * each event counts once. Erased trainees' rows are marked: named reports drop them, aggregates
 * keep counting them.
 */
@Component
@ProcessingGroup("learning-report")
class LearningReportProjection implements ErasableProjection {

    private static final String ERASED = "EXISTS (SELECT 1 FROM data_subject_erasure WHERE subject_id = ?)";

    private final JdbcTemplate jdbc;

    LearningReportProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MemberImported event, TrackingToken token) {
        trainee(event.memberId(), event.organizationId(), event.department());
        changed(event.memberId(), token);
    }

    @EventHandler
    void on(InvitationAccepted event, TrackingToken token) {
        if (event.role() == InvitedRole.TRAINEE) {
            trainee(event.inviteeId(), event.organizationId(), null);
            changed(event.inviteeId(), token);
        }
    }

    private void trainee(UUID trainee, UUID organization, String department) {
        jdbc.update("INSERT INTO report_trainee (trainee_id, organization_id, department, erased) SELECT ?, ?, ?, "
                + ERASED + " ON CONFLICT (trainee_id) DO NOTHING", trainee, organization, department,
                trainee.toString());
    }

    @EventHandler
    void on(MemberDetailsChanged event, TrackingToken token) {
        jdbc.update("UPDATE report_trainee SET department = ? WHERE trainee_id = ?", event.department(),
                event.memberId());
        changed(event.memberId(), token);
    }

    @EventHandler
    void on(MemberEdited event, TrackingToken token) {
        jdbc.update("UPDATE report_trainee SET department = ? WHERE trainee_id = ?", event.department(),
                event.memberId());
        changed(event.memberId(), token);
    }

    @EventHandler
    void on(MemberDeactivated event, TrackingToken token) {
        jdbc.update("UPDATE report_trainee SET status = 'DEACTIVATED' WHERE trainee_id = ?", event.memberId());
        changed(event.memberId(), token);
    }

    @EventHandler
    void on(MemberReactivated event, TrackingToken token) {
        jdbc.update("UPDATE report_trainee SET status = 'ACTIVE' WHERE trainee_id = ?", event.memberId());
        changed(event.memberId(), token);
    }

    @EventHandler
    void on(TraineeEnrolled event, @org.axonframework.eventhandling.Timestamp Instant at, TrackingToken token) {
        int added = jdbc.update("""
                INSERT INTO report_enrolment (trainee_id, course_id, organization_id, enrolled, enrolled_at, erased)
                SELECT ?, ?, ?, true, ?, """ + ERASED + """
                 ON CONFLICT (trainee_id, course_id) DO UPDATE SET enrolled = true
                 WHERE NOT report_enrolment.enrolled""",
                event.traineeId(), event.courseId(), event.organizationId(), Timestamp.from(at),
                event.traineeId().toString());
        if (added > 0) {
            count(event.traineeId(), "courses_enrolled", 1);
        }
        changed(event.traineeId(), token);
    }

    @EventHandler
    void on(TraineeUnenrolled event, TrackingToken token) {
        int removed = jdbc.update("UPDATE report_enrolment SET enrolled = false WHERE trainee_id = ? AND course_id = ?"
                + " AND enrolled", event.traineeId(), event.courseId());
        if (removed > 0) {
            count(event.traineeId(), "courses_enrolled", -1);
        }
        changed(event.traineeId(), token);
    }

    @EventHandler
    void on(CourseStarted event, TrackingToken token) {
        if (jdbc.update("UPDATE report_enrolment SET started_at = ? WHERE trainee_id = ? AND course_id = ? "
                + "AND started_at IS NULL", Timestamp.from(event.startedAt()), event.traineeId(), event.courseId()) > 0) {
            count(event.traineeId(), "courses_started", 1);
        }
        changed(event.traineeId(), token);
    }

    @EventHandler
    void on(CourseCompleted event, TrackingToken token) {
        if (jdbc.update("UPDATE report_enrolment SET completed_at = ? WHERE trainee_id = ? AND course_id = ? "
                + "AND completed_at IS NULL", Timestamp.from(event.completedAt()), event.traineeId(),
                event.courseId()) > 0) {
            count(event.traineeId(), "courses_completed", 1);
        }
        changed(event.traineeId(), token);
    }

    /** Exams count in the report; quizzes are practice. */
    @EventHandler
    void on(AssessmentAttempted event, TrackingToken token) {
        if (event.kind() != LessonKind.EXAM) {
            return;
        }
        int passed = event.passed() ? 1 : 0;
        jdbc.update("""
                UPDATE report_enrolment SET exam_attempts = exam_attempts + 1, exams_passed = exams_passed + ?,
                       score_sum = score_sum + ?, scored_attempts = scored_attempts + ?
                 WHERE trainee_id = ? AND course_id = ?""",
                passed, event.score() == null ? 0 : event.score(), event.score() == null ? 0 : 1,
                event.traineeId(), event.courseId());
        jdbc.update("UPDATE report_trainee SET exams_taken = exams_taken + 1, exams_passed = exams_passed + ? "
                + "WHERE trainee_id = ?", passed, event.traineeId());
        changed(event.traineeId(), token);
    }

    @EventHandler
    void on(StatementRecorded event, TrackingToken token) {
        if (!event.member()) {
            return;
        }
        jdbc.update("""
                UPDATE report_trainee SET learning_millis = learning_millis + ?,
                       last_activity = GREATEST(last_activity, ?)
                 WHERE trainee_id = ?""",
                event.durationMillis() == null ? 0 : event.durationMillis(), Timestamp.from(event.timestamp()),
                event.actorId());
        changed(event.actorId(), token);
    }

    /**
     * Stamps the row with the event's position and tells every query-side instance, through
     * PostgreSQL, once the transaction commits (PostgreSQL folds repeats within a transaction).
     */
    private void changed(UUID trainee, TrackingToken token) {
        jdbc.query("WITH stamped AS (UPDATE report_trainee SET version = GREATEST(version, ?) WHERE trainee_id = ? "
                        + "RETURNING organization_id, trainee_id) SELECT pg_notify('" + ReportChanges.CHANNEL
                        + "', organization_id::text || ':' || trainee_id::text) FROM stamped",
                rs -> { }, token.position().orElseThrow(), trainee);
    }

    private void count(UUID trainee, String column, int delta) {
        jdbc.update("UPDATE report_trainee SET " + column + " = " + column + " + ? WHERE trainee_id = ?", delta,
                trainee);
    }

    /**
     * Marks the rows erased: named reports leave them out, aggregates keep counting them. They hold
     * ids, counters and a department, which the event store keeps in clear anyway; a rebuild makes
     * the same rows (insertions note the erasure fence), so live and rebuilt reports agree.
     */
    @Override
    public void erase(UUID subjectId) {
        jdbc.update("UPDATE report_trainee SET erased = true WHERE trainee_id = ?", subjectId);
        jdbc.query("SELECT pg_notify('" + ReportChanges.CHANNEL + "', organization_id::text || ':' || "
                + "trainee_id::text) FROM report_trainee WHERE trainee_id = ?", rs -> { }, subjectId);
        jdbc.update("UPDATE report_enrolment SET erased = true WHERE trainee_id = ?", subjectId);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM report_enrolment");
        jdbc.update("DELETE FROM report_trainee");
    }
}
