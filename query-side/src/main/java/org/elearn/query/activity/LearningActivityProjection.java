package org.elearn.query.activity;

import java.sql.Timestamp;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.query.privacy.ErasableProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code learning_activity}: each member's learning time (the sum of {@code result.duration}),
 * statement count and last activity. Statements about non-members count for nobody.
 */
@Component
@ProcessingGroup("learning-activity")
class LearningActivityProjection implements ErasableProjection {

    private final JdbcTemplate jdbc;

    LearningActivityProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(StatementRecorded event, TrackingToken token) {
        if (!event.member()) {
            return;
        }
        jdbc.update("""
                INSERT INTO learning_activity (trainee_id, organization_id, learning_millis, statements, last_activity,
                                               last_global_index)
                SELECT ?, ?, ?, 1, ?, ? WHERE NOT EXISTS (SELECT 1 FROM data_subject_erasure WHERE subject_id = ?)
                ON CONFLICT (trainee_id) DO UPDATE
                   SET learning_millis = learning_activity.learning_millis + EXCLUDED.learning_millis,
                       statements = learning_activity.statements + 1,
                       last_activity = GREATEST(learning_activity.last_activity, EXCLUDED.last_activity),
                       last_global_index = EXCLUDED.last_global_index
                 WHERE learning_activity.last_global_index < EXCLUDED.last_global_index""",
                event.actorId(), event.organizationId(), event.durationMillis() == null ? 0 : event.durationMillis(),
                Timestamp.from(event.timestamp()), token.position().orElseThrow(), event.actorId().toString());
    }

    @Override
    public void erase(UUID subjectId) {
        jdbc.update("DELETE FROM learning_activity WHERE trainee_id = ?", subjectId);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM learning_activity");
    }
}
