package org.elearn.query.membership;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.elearn.events.membership.InvitationAccepted;
import org.elearn.events.membership.MemberDeactivated;
import org.elearn.events.membership.MemberDetailsChanged;
import org.elearn.events.membership.MemberEdited;
import org.elearn.events.membership.MemberImported;
import org.elearn.events.membership.MemberReactivated;
import org.elearn.events.membership.OwnProfileEdited;
import org.elearn.events.rights.AccountCancellationRequested;
import org.elearn.events.rights.AccountCancellationWithdrawn;
import org.elearn.query.projection.Projection;
import org.elearn.query.sealing.ProjectionCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code member_view}, idempotently by global index; erased members get no row. Only what the
 * member lists sort, filter and search on stays clear (name, department, role, status); the other
 * personal fields are sealed under the member's key, the email with a blind index for search.
 */
@Component
@ProcessingGroup("members")
class MemberProjection extends Projection {

    private static final String TABLE = "member_view";

    private final ProjectionCipher cipher;

    MemberProjection(JdbcTemplate jdbc, ProjectionCipher cipher) {
        super(jdbc, List.of(TABLE));
        this.cipher = cipher;
    }

    private String seal(UUID member, String column, Object value) {
        return cipher.seal(TABLE, column, member, value);
    }

    @EventHandler
    void on(MemberImported event, @org.axonframework.eventhandling.Timestamp Instant at, TrackingToken token) {
        jdbc.update("""
                INSERT INTO member_view (member_id, organization_id, name, email, email_index, phone, department,
                                         role, status, joined_at, last_global_index)
                SELECT ?, ?, ?, ?, ?, ?, ?, 'TRAINEE', 'ACTIVE', ?, ?
                 WHERE %s
                ON CONFLICT (member_id) DO NOTHING""".formatted(notFenced("?")),
                event.memberId(), event.organizationId(), event.name(), seal(event.memberId(), "email", event.email()),
                cipher.emailIndex(event.email()), seal(event.memberId(), "phone", event.phone()),
                event.department(), Timestamp.from(at), position(token), event.memberId().toString());
    }

    /** A new person joins with the invited role; an imported member gets the role and the name they gave. */
    @EventHandler
    void on(InvitationAccepted event, @org.axonframework.eventhandling.Timestamp Instant at, TrackingToken token) {
        jdbc.update("""
                INSERT INTO member_view (member_id, organization_id, name, email, email_index, role, status,
                                         joined_at, last_global_index)
                SELECT ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?
                 WHERE %s
                ON CONFLICT (member_id) DO UPDATE
                   SET name = EXCLUDED.name, role = EXCLUDED.role, last_global_index = EXCLUDED.last_global_index
                 WHERE member_view.last_global_index < EXCLUDED.last_global_index""".formatted(notFenced("?")),
                event.inviteeId(), event.organizationId(), event.name(), seal(event.inviteeId(), "email", event.email()),
                cipher.emailIndex(event.email()), event.role().name(),
                Timestamp.from(at), position(token), event.inviteeId().toString());
    }

    @EventHandler
    void on(MemberDetailsChanged event, TrackingToken token) {
        update("name = ?, phone = ?, department = ?", event.memberId(), token, event.name(),
                seal(event.memberId(), "phone", event.phone()), event.department());
    }

    @EventHandler
    void on(MemberEdited event, TrackingToken token) {
        UUID member = event.memberId();
        update("nickname = ?, gender = ?, employee_id = ?, email = ?, email_index = ?, position = ?, entry_date = ?, "
                        + "department = ?", member, token, seal(member, "nickname", event.nickname()),
                seal(member, "gender", event.gender()), seal(member, "employee_id", event.employeeId()),
                seal(member, "email", event.email()), cipher.emailIndex(event.email()),
                seal(member, "position", event.position()), seal(member, "entry_date", event.entryDate()),
                event.department());
    }

    @EventHandler
    void on(OwnProfileEdited event, TrackingToken token) {
        update("nickname = ?, gender = ?", event.memberId(), token, seal(event.memberId(), "nickname", event.nickname()),
                seal(event.memberId(), "gender", event.gender()));
    }

    @EventHandler
    void on(MemberDeactivated event, TrackingToken token) {
        update("status = ?", event.memberId(), token, "DEACTIVATED");
    }

    @EventHandler
    void on(MemberReactivated event, TrackingToken token) {
        update("status = ?", event.memberId(), token, "ACTIVE");
    }

    /** The member cancelled their account: shown until the cool-off ends, when the erasure deletes the row. */
    @EventHandler
    void on(AccountCancellationRequested event, TrackingToken token) {
        update("erasure_due_at = ?", event.userId(), token, Timestamp.from(event.erasureDueAt()));
    }

    @EventHandler
    void on(AccountCancellationWithdrawn event, TrackingToken token) {
        update("erasure_due_at = NULL", event.userId(), token);
    }

    private void update(String assignments, UUID memberId, TrackingToken token, Object... values) {
        updateIfNewer(TABLE, "member_id", assignments, memberId, token, values);
    }

    @Override
    public List<String> clearPersonalDataTables() {
        return List.of(TABLE);
    }

    @Override
    public void erase(UUID subjectId) {
        jdbc.update("DELETE FROM member_view WHERE member_id = ?", subjectId);
    }
}
