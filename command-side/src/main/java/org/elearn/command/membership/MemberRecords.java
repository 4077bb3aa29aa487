package org.elearn.command.membership;

import java.util.Optional;
import java.util.UUID;
import org.elearn.command.privacy.SubjectAggregateIds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where a member's record (the {@link Member} aggregate) lives. An import creates it under the
 * member id. A member who joined only by invitation has none until their record first changes, and
 * then under an id derived from the member id, because the member id may already key another kind
 * of account's aggregate (a self-registered instructor or an administrator who accepted).
 * Blocking: call it off the event loop.
 */
@Component
class MemberRecords {

    /** A member's record: the aggregate to send to, and the facts it is opened with if missing. */
    record Ref(UUID recordId, UUID memberId, UUID organizationId) {
    }

    private final JdbcTemplate jdbc;

    MemberRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The record of a member of this organization, if they are one. */
    Optional<Ref> of(UUID organizationId, UUID memberId) {
        return jdbc.query("SELECT imported FROM member_directory WHERE member_id = ? AND organization_id = ?",
                (rs, n) -> ref(memberId, organizationId, rs.getBoolean(1)), memberId, organizationId)
                .stream().findFirst();
    }

    /** The record of this member, whichever their organization, if they are one. */
    Optional<Ref> of(UUID memberId) {
        return jdbc.query("SELECT organization_id, imported FROM member_directory WHERE member_id = ?",
                (rs, n) -> ref(memberId, rs.getObject(1, UUID.class), rs.getBoolean(2)), memberId)
                .stream().findFirst();
    }

    static Ref ref(UUID memberId, UUID organizationId, boolean imported) {
        return new Ref(imported ? memberId : invitedRecordId(memberId), memberId, organizationId);
    }

    /** The record id of a member who joined by invitation (empty for an imported one). */
    static UUID invitedRecordId(UUID memberId) {
        return SubjectAggregateIds.of("member-record", memberId);
    }
}
