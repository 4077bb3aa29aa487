package org.elearn.query.membership;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.elearn.events.membership.InvitationAccepted;
import org.elearn.events.membership.InvitationResent;
import org.elearn.events.membership.InvitationRevoked;
import org.elearn.events.membership.MemberInvited;
import org.elearn.query.projection.Projection;
import org.elearn.query.sealing.ProjectionCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code invitation_view}, idempotently by global index: each invitation of an organization
 * with its role, when it was sent last, until when its code works, and whether it was accepted or
 * revoked. No event carries a code, so none is here. The invitee's email is sealed under their key
 * (with a blind index for search); erasure deletes their rows and a fenced invitee gets none.
 */
@Component
@ProcessingGroup("invitations")
class InvitationProjection extends Projection {

    static final String TABLE = "invitation_view";

    private final ProjectionCipher cipher;

    InvitationProjection(JdbcTemplate jdbc, ProjectionCipher cipher) {
        super(jdbc, List.of(TABLE));
        this.cipher = cipher;
    }

    @EventHandler
    void on(MemberInvited event, @org.axonframework.eventhandling.Timestamp Instant at, TrackingToken token) {
        jdbc.update("""
                INSERT INTO invitation_view (invitation_id, organization_id, invitee_id, email, email_index, role,
                                             status, invited_at, sent_at, expires_at, last_global_index)
                SELECT ?, ?, ?, ?, ?, ?, 'SENT', ?, ?, ?, ?
                 WHERE %s
                ON CONFLICT (invitation_id) DO NOTHING""".formatted(notFenced("?")),
                event.invitationId(), event.organizationId(), event.inviteeId(),
                cipher.seal(TABLE, "email", event.inviteeId(), event.email()), cipher.emailIndex(event.email()),
                event.role().name(), Timestamp.from(at), Timestamp.from(at), Timestamp.from(event.expiresAt()),
                position(token), event.inviteeId().toString());
    }

    /** A new code: sent again now, with a new expiry. */
    @EventHandler
    void on(InvitationResent event, @org.axonframework.eventhandling.Timestamp Instant at, TrackingToken token) {
        update("sent_at = ?, expires_at = ?", event.invitationId(), token, Timestamp.from(at),
                Timestamp.from(event.expiresAt()));
    }

    @EventHandler
    void on(InvitationRevoked event, @org.axonframework.eventhandling.Timestamp Instant at, TrackingToken token) {
        update("status = 'REVOKED', answered_at = ?", event.invitationId(), token, Timestamp.from(at));
    }

    @EventHandler
    void on(InvitationAccepted event, @org.axonframework.eventhandling.Timestamp Instant at, TrackingToken token) {
        update("status = 'ACCEPTED', answered_at = ?", event.invitationId(), token, Timestamp.from(at));
    }

    private void update(String assignments, UUID invitationId, TrackingToken token, Object... values) {
        updateIfNewer(TABLE, "invitation_id", assignments, invitationId, token, values);
    }

    /** Holds a blind index of the email, which links rows to an address: compacted after an erasure. */
    @Override
    public List<String> clearPersonalDataTables() {
        return List.of(TABLE);
    }

    @Override
    public void erase(UUID subjectId) {
        jdbc.update("DELETE FROM invitation_view WHERE invitee_id = ?", subjectId);
    }
}
