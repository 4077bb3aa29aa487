package org.elearn.command.consent;

import java.util.List;
import java.util.UUID;
import org.elearn.command.membership.MemberEmails;
import org.elearn.command.notification.Outbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marketing mail to an organization's members: one outbox message for each member who consents to
 * marketing email now, with an active login and no restriction of processing. Nobody else gets a
 * message queued. The outbox checks consent again when it sends, and adds the one-click unsubscribe
 * link then. Queued in one transaction: all or nothing. Blocking: call it off the event loop.
 */
@Service
record MarketingMessages(JdbcTemplate jdbc, TransactionTemplate tx, Outbox outbox, MemberEmails emails) {

    /** How many members the message was queued for. */
    record Queued(int recipients) {
    }

    Queued send(UUID organizationId, String subject, String text) {
        return tx.execute(status -> {
            List<UUID> members = jdbc.queryForList(MarketingConsentGate.REACHABLE
                    + " AND s.user_id IN (SELECT member_id FROM member_directory WHERE organization_id = ?)",
                    UUID.class, ConsentPurposes.MARKETING_EMAIL, organizationId);
            int queued = 0;
            for (UUID member : members) {
                String email = emails.current(member).orElse(null);
                if (email != null) {
                    outbox.enqueue(Outbox.Kind.MARKETING, member.toString(), email, subject, text);
                    queued++;
                }
            }
            return new Queued(queued);
        });
    }
}
