package org.elearn.command.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The local run's sender: keeps each message in {@code local_mailbox}, readable by operators
 * through {@code GET /api/operator/mailbox}, and logs nothing. Not for production: configure a real
 * sender there ({@code learning.notifications.sender}).
 */
@Component
@ConditionalOnProperty(name = "learning.notifications.sender", havingValue = "local", matchIfMissing = true)
record LocalMailboxSender(JdbcTemplate jdbc, ObjectMapper json) implements NotificationSender {

    @Override
    public void send(Notification n) {
        try {
            jdbc.update("INSERT INTO local_mailbox (notification_id, subject_id, recipient, subject, body, headers) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", n.notificationId(), n.subjectId(),
                    n.recipient(), n.subject(), n.body(), json.writeValueAsString(n.headers()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("mail headers are plain strings", e);
        }
    }
}
