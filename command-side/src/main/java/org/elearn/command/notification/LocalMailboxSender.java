package org.elearn.command.notification;

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
class LocalMailboxSender implements NotificationSender {

    private final JdbcTemplate jdbc;

    LocalMailboxSender(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void send(Notification n) {
        jdbc.update("INSERT INTO local_mailbox (notification_id, subject_id, recipient, subject, body) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", n.notificationId(), n.subjectId(), n.recipient(),
                n.subject(), n.body());
    }
}
