package org.elearn.query.course;

import org.elearn.support.axon.ReadsNoPersonalData;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.elearn.events.course.AssessmentAttempted;
import org.elearn.events.course.AssignmentSubmitted;
import org.elearn.events.course.CertificateIssued;
import org.elearn.events.course.CourseCompleted;
import org.elearn.events.course.CourseStarted;
import org.elearn.events.course.LessonCompleted;
import org.elearn.events.course.TraineeEnrolled;
import org.elearn.events.course.TraineeUnenrolled;
import org.elearn.query.projection.Projection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code enrolment_view} with each enrolment's progress, {@code lesson_progress} and
 * {@code certificate_view}; no rows for erased trainees, and their certificates unlinked.
 */
@Component
@ReadsNoPersonalData
@ProcessingGroup("enrolments")
class EnrolmentProjection extends Projection {

    EnrolmentProjection(JdbcTemplate jdbc) {
        super(jdbc, List.of("enrolment_view", "lesson_progress", "certificate_view"));
    }

    @EventHandler
    void on(TraineeEnrolled event, @org.axonframework.eventhandling.Timestamp Instant at, TrackingToken token) {
        jdbc.update("""
                INSERT INTO enrolment_view (trainee_id, course_id, organization_id, source, enrolled_at,
                                            last_global_index)
                SELECT ?, ?, ?, ?, ?, ? WHERE %s
                ON CONFLICT (trainee_id, course_id) DO UPDATE
                   SET source = EXCLUDED.source, enrolled_at = EXCLUDED.enrolled_at,
                       last_global_index = EXCLUDED.last_global_index
                 WHERE enrolment_view.last_global_index < EXCLUDED.last_global_index""".formatted(notFenced("?")),
                event.traineeId(), event.courseId(), event.organizationId(), event.source().name(),
                Timestamp.from(at), position(token), event.traineeId().toString());
    }

    @EventHandler
    void on(TraineeUnenrolled event, TrackingToken token) {
        jdbc.update("DELETE FROM enrolment_view WHERE trainee_id = ? AND course_id = ? AND last_global_index < ?",
                event.traineeId(), event.courseId(), position(token));
    }

    @EventHandler
    void on(CourseStarted event) {
        jdbc.update("""
                UPDATE enrolment_view SET started_at = ?, started_reported_at = ?
                 WHERE trainee_id = ? AND course_id = ?""",
                Timestamp.from(event.startedAt()), Timestamp.from(event.reportedAt()), event.traineeId(),
                event.courseId());
    }

    @EventHandler
    void on(LessonCompleted event, TrackingToken token) {
        lesson(event.traineeId(), event.courseId(), event.lessonId(), "LESSON", event.completedAt(),
                event.reportedAt(), null, false, token);
    }

    @EventHandler
    void on(AssignmentSubmitted event, TrackingToken token) {
        lesson(event.traineeId(), event.courseId(), event.lessonId(), "ASSIGNMENT", event.submittedAt(),
                event.reportedAt(), null, false, token);
    }

    @EventHandler
    void on(AssessmentAttempted event, TrackingToken token) {
        lesson(event.traineeId(), event.courseId(), event.lessonId(), event.kind().name(),
                event.passed() ? event.attemptedAt() : null, event.passed() ? event.reportedAt() : null, event.score(),
                true, token);
    }

    @EventHandler
    void on(CourseCompleted event) {
        jdbc.update("""
                UPDATE enrolment_view SET completed_at = ?, completed_reported_at = ?
                 WHERE trainee_id = ? AND course_id = ?""",
                Timestamp.from(event.completedAt()), Timestamp.from(event.reportedAt()), event.traineeId(),
                event.courseId());
    }

    /** The certificate stays checkable after erasure, without its holder. */
    @EventHandler
    void on(CertificateIssued event) {
        jdbc.update("""
                INSERT INTO certificate_view (verification_code, certificate_id, trainee_id, course_id,
                                              organization_id, issued_at, completed_reported_at)
                SELECT ?, ?, CASE WHEN %s THEN NULL ELSE ?::uuid END, ?, ?, ?, ?
                ON CONFLICT (verification_code) DO NOTHING""".formatted(fenced("?")),
                event.verificationCode(), event.certificateId(), event.traineeId().toString(), event.traineeId(),
                event.courseId(), event.organizationId(), Timestamp.from(event.issuedAt()),
                Timestamp.from(event.reportedAt()));
        jdbc.update("UPDATE enrolment_view SET certificate_code = ? WHERE trainee_id = ? AND course_id = ?",
                event.verificationCode(), event.traineeId(), event.courseId());
    }

    /**
     * One row per lesson: the first time it was done (as stored, and as reported), and for quizzes and
     * exams the attempts and best score.
     */
    private void lesson(UUID trainee, UUID course, UUID lesson, String kind, Instant doneAt, Instant doneReportedAt,
                        Integer score, boolean attempt, TrackingToken token) {
        jdbc.update("""
                INSERT INTO lesson_progress (trainee_id, course_id, lesson_id, kind, done_at, done_reported_at,
                                             attempts, best_score, last_global_index)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?
                 WHERE %s
                ON CONFLICT (trainee_id, course_id, lesson_id) DO UPDATE
                   SET done_at = COALESCE(lesson_progress.done_at, EXCLUDED.done_at),
                       done_reported_at = CASE WHEN lesson_progress.done_at IS NULL THEN EXCLUDED.done_reported_at
                                               ELSE lesson_progress.done_reported_at END,
                       attempts = lesson_progress.attempts + EXCLUDED.attempts,
                       best_score = GREATEST(lesson_progress.best_score, EXCLUDED.best_score),
                       last_global_index = EXCLUDED.last_global_index
                 WHERE lesson_progress.last_global_index < EXCLUDED.last_global_index""".formatted(notFenced("?")),
                trainee, course, lesson, kind, doneAt == null ? null : Timestamp.from(doneAt),
                doneReportedAt == null ? null : Timestamp.from(doneReportedAt), attempt ? 1 : 0, score,
                position(token), trainee.toString());
    }

    @Override
    public void erase(UUID subjectId) {
        jdbc.update("DELETE FROM enrolment_view WHERE trainee_id = ?", subjectId);
        jdbc.update("DELETE FROM lesson_progress WHERE trainee_id = ?", subjectId);
        jdbc.update("UPDATE certificate_view SET trainee_id = NULL WHERE trainee_id = ?", subjectId);
    }
}
