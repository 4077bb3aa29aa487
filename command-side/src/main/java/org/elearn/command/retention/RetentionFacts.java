package org.elearn.command.retention;

import org.elearn.support.axon.ReadsNoPersonalData;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.elearn.events.membership.InvitationAccepted;
import org.elearn.events.membership.MemberDeactivated;
import org.elearn.events.membership.MemberImported;
import org.elearn.events.membership.MemberReactivated;
import org.elearn.events.privacy.UserErased;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code retention_member}: when each member joined and when they were deactivated, which
 * the retention rules count from. Each event's own time stamp is used, so a replay writes the same.
 */
@Component
@ReadsNoPersonalData
@ProcessingGroup("retention-facts")
class RetentionFacts {

    private final JdbcTemplate jdbc;

    RetentionFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MemberImported event, @org.axonframework.eventhandling.Timestamp Instant at) {
        joined(event.memberId(), event.organizationId(), at);
    }

    @EventHandler
    void on(InvitationAccepted event, @org.axonframework.eventhandling.Timestamp Instant at) {
        joined(event.inviteeId(), event.organizationId(), at);
    }

    private void joined(java.util.UUID member, java.util.UUID organization, Instant at) {
        jdbc.update("INSERT INTO retention_member (member_id, organization_id, joined_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (member_id) DO NOTHING", member, organization, Timestamp.from(at));
    }

    @EventHandler
    void on(MemberDeactivated event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("UPDATE retention_member SET deactivated_at = ? WHERE member_id = ?", Timestamp.from(at),
                event.memberId());
    }

    @EventHandler
    void on(MemberReactivated event) {
        jdbc.update("UPDATE retention_member SET deactivated_at = NULL WHERE member_id = ?", event.memberId());
    }

    @EventHandler
    void on(UserErased event) {
        jdbc.update("DELETE FROM retention_member WHERE member_id = ?", event.userId());
        jdbc.update("DELETE FROM member_activity WHERE member_id = ?", event.userId());
    }
}
