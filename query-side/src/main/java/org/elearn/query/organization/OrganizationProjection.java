package org.elearn.query.organization;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.elearn.events.organization.AdministratorApproved;
import org.elearn.events.organization.AdministratorRegistered;
import org.elearn.events.organization.AdministratorRejected;
import org.elearn.events.organization.OrganizationRegistered;
import org.elearn.query.projection.Projection;
import org.elearn.query.sealing.ProjectionCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code organization_view} and {@code administrator_view}, in the processor's JDBC
 * transaction, idempotently by global index. Erased administrators get no row. An administrator's
 * personal fields are sealed under their key: no SQL sorts or searches on them.
 */
@Component
@ProcessingGroup("organizations")
class OrganizationProjection extends Projection {

    private static final String ADMINISTRATORS = "administrator_view";

    private final ProjectionCipher cipher;

    OrganizationProjection(JdbcTemplate jdbc, ProjectionCipher cipher) {
        super(jdbc, List.of(ADMINISTRATORS, "organization_view"));
        this.cipher = cipher;
    }

    @EventHandler
    void on(OrganizationRegistered event, @org.axonframework.eventhandling.Timestamp Instant at, TrackingToken token) {
        jdbc.update("""
                INSERT INTO organization_view (organization_id, name, data_region, registered_at, last_global_index)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (organization_id) DO NOTHING""",
                event.organizationId(), event.name(), event.dataRegion(), Timestamp.from(at), position(token));
    }

    @EventHandler
    void on(AdministratorRegistered event, @org.axonframework.eventhandling.Timestamp Instant at, TrackingToken token) {
        UUID id = event.administratorId();
        jdbc.update("""
                INSERT INTO administrator_view (administrator_id, organization_id, name, email, phone, occupation,
                                                documents, status, registered_at, last_global_index)
                SELECT ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?
                 WHERE %s
                ON CONFLICT (administrator_id) DO NOTHING""".formatted(notFenced("?")),
                id, event.organizationId(), cipher.seal(ADMINISTRATORS, "name", id, event.name()),
                cipher.seal(ADMINISTRATORS, "email", id, event.email()),
                cipher.seal(ADMINISTRATORS, "phone", id, event.phone()),
                cipher.seal(ADMINISTRATORS, "occupation", id, event.occupation()),
                cipher.seal(ADMINISTRATORS, "documents", id, event.documents()), Timestamp.from(at), position(token),
                id.toString());
    }

    @EventHandler
    void on(AdministratorApproved event, TrackingToken token) {
        decide(event.administratorId(), "APPROVED", token);
    }

    @EventHandler
    void on(AdministratorRejected event, TrackingToken token) {
        decide(event.administratorId(), "REJECTED", token);
    }

    private void decide(UUID administratorId, String status, TrackingToken token) {
        jdbc.update("""
                UPDATE administrator_view SET status = ?, last_global_index = ?
                 WHERE administrator_id = ? AND last_global_index < ?""",
                status, position(token), administratorId, position(token));
    }

    @Override
    public List<String> clearPersonalDataTables() {
        return List.of(ADMINISTRATORS);
    }

    @Override
    public void erase(UUID subjectId) {
        jdbc.update("DELETE FROM administrator_view WHERE administrator_id = ?", subjectId);
    }
}
