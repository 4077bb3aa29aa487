package org.elearn.query.auditor;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.elearn.events.audit.AuditorAppointed;
import org.elearn.query.projection.Projection;
import org.elearn.query.sealing.ProjectionCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code auditor_view}: one row per auditor an operator appointed, for the operator's list.
 * The email is sealed under the auditor's key; erasure deletes the row, and an erased auditor (in
 * the fence) never gets one again. Idempotent by global index.
 */
@Component
@ProcessingGroup(AuditorProjection.PROCESSING_GROUP)
class AuditorProjection extends Projection {

    static final String PROCESSING_GROUP = "auditors";

    static final String TABLE = "auditor_view";

    private final ProjectionCipher cipher;

    AuditorProjection(JdbcTemplate jdbc, ProjectionCipher cipher) {
        super(jdbc, List.of(TABLE));
        this.cipher = cipher;
    }

    @EventHandler
    void on(AuditorAppointed event, @org.axonframework.eventhandling.Timestamp Instant at, TrackingToken token) {
        UUID id = event.auditorId();
        jdbc.update("""
                INSERT INTO auditor_view (auditor_id, email, may_reveal, appointed_at, last_global_index)
                SELECT ?, ?, ?, ?, ? WHERE %s
                ON CONFLICT (auditor_id) DO NOTHING""".formatted(notFenced("?")),
                id, cipher.seal(TABLE, "email", id, event.email()), event.mayReveal(), Timestamp.from(at),
                position(token), id.toString());
    }

    @Override
    public List<String> clearPersonalDataTables() {
        return List.of(TABLE);
    }

    @Override
    public void erase(UUID subjectId) {
        jdbc.update("DELETE FROM auditor_view WHERE auditor_id = ?", subjectId);
    }
}
