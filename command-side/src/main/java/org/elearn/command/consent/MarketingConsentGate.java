package org.elearn.command.consent;

import java.util.Optional;
import java.util.UUID;
import org.elearn.command.notification.MarketingGate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets a marketing message out only while its recipient's marketing-email consent is given, their
 * account is active (a cancelled or erased account gets none) and the processing of their data is
 * not restricted, and gives it the RFC 8058 one-click unsubscribe link. Runs in the drainer's
 * transaction.
 */
@Component
record MarketingConsentGate(JdbcTemplate jdbc, UnsubscribeLinks links) implements MarketingGate {

    /**
     * The users marketing mail may reach now, as {@code s.user_id}; the first parameter is the
     * purpose. The outbox checks it again for each message when it sends it.
     */
    static final String REACHABLE = """
            SELECT s.user_id FROM consent_state s JOIN credentials c ON c.user_id = s.user_id
             WHERE s.purpose = ? AND s.state = 'GRANTED' AND c.status = 'ACTIVE'
               AND NOT EXISTS (SELECT 1 FROM processing_restriction r WHERE r.subject_id = s.user_id)""";

    @Override
    public Optional<String> admit(String subjectId) {
        UUID userId;
        try {
            userId = UUID.fromString(subjectId);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a user: nobody who could have consented
        }
        Boolean consented = jdbc.queryForObject("SELECT EXISTS (" + REACHABLE + " AND s.user_id = ?)",
                Boolean.class, ConsentPurposes.MARKETING_EMAIL, userId);
        if (!Boolean.TRUE.equals(consented)) {
            return Optional.empty();
        }
        return Optional.of(links.url(userId, ConsentPurposes.MARKETING_EMAIL));
    }
}
