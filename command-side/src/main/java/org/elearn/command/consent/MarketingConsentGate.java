package org.elearn.command.consent;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.elearn.command.notification.MarketingGate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets a marketing message out only while its recipient's marketing-email consent is given and
 * their account is active (a cancelled account gets none), and gives it the RFC 8058 one-click
 * unsubscribe headers. Runs in the drainer's transaction.
 */
@Component
class MarketingConsentGate implements MarketingGate {

    private final JdbcTemplate jdbc;
    private final UnsubscribeLinks links;

    MarketingConsentGate(JdbcTemplate jdbc, UnsubscribeLinks links) {
        this.jdbc = jdbc;
        this.links = links;
    }

    @Override
    public Optional<Map<String, String>> admit(String subjectId) {
        UUID userId;
        try {
            userId = UUID.fromString(subjectId);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a user: nobody who could have consented
        }
        Boolean consented = jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM consent_state s JOIN credentials c ON c.user_id = s.user_id
                                WHERE s.user_id = ? AND s.purpose = ? AND s.state = 'GRANTED' AND c.status = 'ACTIVE')""",
                Boolean.class, userId, ConsentPurposes.MARKETING_EMAIL);
        if (!Boolean.TRUE.equals(consented)) {
            return Optional.empty();
        }
        return Optional.of(Map.of(
                "List-Unsubscribe", "<" + links.url(userId, ConsentPurposes.MARKETING_EMAIL) + ">",
                "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
    }
}
