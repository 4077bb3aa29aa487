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
        changed(event.memberId(), token, "department = ?", event.department());
    }

    @EventHandler
    void on(MemberEdited event, TrackingToken token) {
        changed(event.memberId(), token, "department = ?", event.department());
    }

    @EventHandler
    void on(MemberDeactivated event, TrackingToken token) {
        changed(event.memberId(), token, "status = 'DEACTIVATED'");
    }

    @EventHandler
    void on(MemberReactivated event, TrackingToken token) {
        changed(event.memberId(), token, "status = 'ACTIVE'");
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
        changed(event.traineeId(), token, "courses_enrolled = courses_enrolled + ?", added > 0 ? 1 : 0);
    }

    @EventHandler
    void on(TraineeUnenrolled event, TrackingToken token) {
        int removed = jdbc.update("UPDATE report_enrolment SET enrolled = false WHERE trainee_id = ? AND course_id = ?"
                + " AND enrolled", event.traineeId(), event.courseId());
        changed(event.traineeId(), token, "courses_enrolled = courses_enrolled - ?", removed > 0 ? 1 : 0);
    }

    @EventHandler
    void on(CourseStarted event, TrackingToken token) {
        int started = jdbc.update("UPDATE report_enrolment SET started_at = ? WHERE trainee_id = ? AND course_id = ? "
                + "AND started_at IS NULL", Timestamp.from(event.startedAt()), event.traineeId(), event.courseId());
        changed(event.traineeId(), token, "courses_started = courses_started + ?", started > 0 ? 1 : 0);
    }

    @EventHandler
    void on(CourseCompleted event, TrackingToken token) {
        int completed = jdbc.update("UPDATE report_enrolment SET completed_at = ? WHERE trainee_id = ? "
                + "AND course_id = ? AND completed_at IS NULL", Timestamp.from(event.completedAt()), event.traineeId(),
                event.courseId());
        changed(event.traineeId(), token, "courses_completed = courses_completed + ?", completed > 0 ? 1 : 0);
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
        changed(event.traineeId(), token, "exams_taken = exams_taken + 1, exams_passed = exams_passed + ?", passed);
    }

    @EventHandler
    void on(StatementRecorded event, TrackingToken token) {
        if (!event.member()) {
            return;
        }
        changed(event.actorId(), token, "learning_millis = learning_millis + ?, last_activity = GREATEST(last_activity, ?)",
                event.durationMillis() == null ? 0 : event.durationMillis(), Timestamp.from(event.timestamp()));
    }

    /** A change that only stamps the row (the row itself was written just before). */
    private void changed(UUID trainee, TrackingToken token) {
        changed(trainee, token, null);
    }

    /**
     * Applies {@code set} to the trainee's row, stamps it with the event's position and tells every
     * query-side instance, through PostgreSQL, once the transaction commits: one statement per event
     * (PostgreSQL folds repeated notifications within a transaction).
     */
    private void changed(UUID trainee, TrackingToken token, String set, Object... values) {
        Object[] arguments = new Object[values.length + 2];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = token.position().orElseThrow();
        arguments[values.length + 1] = trainee;
        notifying((set == null ? "" : set + ", ") + "version = GREATEST(version, ?)", arguments);
    }

    /** {@code UPDATE report_trainee SET <set> WHERE trainee_id = ?} (the last argument), and its notification. */
    private void notifying(String set, Object... arguments) {
        jdbc.query("WITH changed AS (UPDATE report_trainee SET " + set + " WHERE trainee_id = ? "
                + "RETURNING organization_id, trainee_id) SELECT pg_notify('" + ReportChanges.CHANNEL
                + "', organization_id::text || ':' || trainee_id::text) FROM changed", rs -> { }, arguments);
    }

    /**
     * Marks the rows erased: named reports leave them out, aggregates keep counting them. They hold
     * ids, counters and a department, which the event store keeps in clear anyway; a rebuild makes
     * the same rows (insertions note the erasure fence), so live and rebuilt reports agree.
     */
    @Override
    public void erase(UUID subjectId) {
        notifying("erased = true", subjectId);
        jdbc.update("UPDATE report_enrolment SET erased = true WHERE trainee_id = ?", subjectId);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM report_enrolment");
        jdbc.update("DELETE FROM report_trainee");
    }
}
