package org.elearn.command.notification;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains the outbox: claims up to 100 messages with {@code FOR UPDATE SKIP LOCKED} (so several
 * command-side instances never send one twice), hands each to the sender and deletes it, so the
 * message (and any code in it) does not stay in the database after delivery. A marketing message
 * goes only through the {@link MarketingGate}: without the recipient's consent at this moment it is
 * deleted unsent, and with it, it leaves carrying the one-click unsubscribe link.
 */
@Component
record OutboxDrainer(JdbcTemplate jdbc, TransactionTemplate tx, NotificationSender sender, MarketingGate marketing) {

    private record Queued(Notification notification, Outbox.Kind kind) {
    }

    @Scheduled(fixedDelayString = "${learning.notifications.drain-interval:500ms}")
    void drain() {
        tx.executeWithoutResult(status -> {
            List<Queued> batch = jdbc.query("""
                            SELECT notification_id, subject_id, recipient, subject, body, kind FROM notification_outbox
                             ORDER BY created_at LIMIT 100 FOR UPDATE SKIP LOCKED""",
                    (rs, n) -> new Queued(new Notification(rs.getObject(1, UUID.class), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), Map.of()),
                            Outbox.Kind.valueOf(rs.getString(6))));
            for (Queued queued : batch) {
                Notification notification = queued.notification();
                if (queued.kind() == Outbox.Kind.MARKETING) {
                    marketing.admit(notification.subjectId()).map(notification::withUnsubscribeLink)
                            .ifPresent(sender::send);
                } else {
                    sender.send(notification);
                }
                jdbc.update("DELETE FROM notification_outbox WHERE notification_id = ?", notification.notificationId());
            }
        });
    }
}
