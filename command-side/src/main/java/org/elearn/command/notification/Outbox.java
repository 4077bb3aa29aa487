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

    /** What a message is for. Marketing is sent only with consent; transactional mail always. */
    public enum Kind { TRANSACTIONAL, MARKETING }

    /** A transactional message, such as an invitation. */
    public void enqueue(String subjectId, String recipient, String subject, String body) {
        enqueue(Kind.TRANSACTIONAL, subjectId, recipient, subject, body);
    }

    /**
     * A message of the given kind. A marketing message may be queued without consent: the drainer
     * checks consent when it sends, and drops the message without it.
     */
    public void enqueue(Kind kind, String subjectId, String recipient, String subject, String body) {
        jdbc.update("INSERT INTO notification_outbox (notification_id, subject_id, recipient, subject, body, kind) "
                + "VALUES (?, ?, ?, ?, ?, ?)", UUID.randomUUID(), subjectId, recipient, subject, body, kind.name());
    }

    /** Erasure: every undelivered message and local copy for the subject goes. */
    public void forget(String subjectId) {
        jdbc.update("DELETE FROM notification_outbox WHERE subject_id = ?", subjectId);
        jdbc.update("DELETE FROM local_mailbox WHERE subject_id = ?", subjectId);
    }
}
