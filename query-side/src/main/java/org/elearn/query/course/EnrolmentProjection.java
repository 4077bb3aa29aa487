package org.elearn.query.course;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.elearn.events.course.TraineeEnrolled;
import org.elearn.events.course.TraineeUnenrolled;
import org.elearn.query.privacy.ErasableProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Keeps {@code enrolment_view}; no rows for erased trainees. */
@Component
@ProcessingGroup("enrolments")
class EnrolmentProjection implements ErasableProjection {

    private final JdbcTemplate jdbc;

    EnrolmentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TraineeEnrolled event, @org.axonframework.eventhandling.Timestamp Instant at, TrackingToken token) {
        long position = token.position().orElseThrow();
        jdbc.update("""
                INSERT INTO enrolment_view (trainee_id, course_id, organization_id, source, enrolled_at,
                                            last_global_index)
                SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM data_subject_erasure WHERE subject_id = ?)
                ON CONFLICT (trainee_id, course_id) DO UPDATE
                   SET source = EXCLUDED.source, enrolled_at = EXCLUDED.enrolled_at,
                       last_global_index = EXCLUDED.last_global_index
                 WHERE enrolment_view.last_global_index < EXCLUDED.last_global_index""",
                event.traineeId(), event.courseId(), event.organizationId(), event.source().name(),
                Timestamp.from(at), position, event.traineeId().toString());
    }

    @EventHandler
    void on(TraineeUnenrolled event, TrackingToken token) {
        jdbc.update("DELETE FROM enrolment_view WHERE trainee_id = ? AND course_id = ? AND last_global_index < ?",
                event.traineeId(), event.courseId(), token.position().orElseThrow());
    }

    @Override
    public void erase(UUID subjectId) {
        jdbc.update("DELETE FROM enrolment_view WHERE trainee_id = ?", subjectId);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM enrolment_view");
    }
}
