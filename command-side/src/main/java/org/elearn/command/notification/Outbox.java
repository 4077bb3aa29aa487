package org.elearn.command.notification;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The notification outbox: written in the same transaction as the change that causes the message,
 * drained by {@link OutboxDrainer} through the configured {@link NotificationSender}.
 */
@Component
public class Outbox {

    private final JdbcTemplate jdbc;

    Outbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void enqueue(String subjectId, String recipient, String subject, String body) {
        jdbc.update("INSERT INTO notification_outbox (notification_id, subject_id, recipient, subject, body) "
                + "VALUES (?, ?, ?, ?, ?)", UUID.randomUUID(), subjectId, recipient, subject, body);
    }

    /** Erasure: every undelivered message and local copy for the subject goes. */
    public void forget(String subjectId) {
        jdbc.update("DELETE FROM notification_outbox WHERE subject_id = ?", subjectId);
        jdbc.update("DELETE FROM local_mailbox WHERE subject_id = ?", subjectId);
    }
}
