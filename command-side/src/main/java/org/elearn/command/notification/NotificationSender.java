package org.elearn.command.notification;

/**
 * Delivers a notification drained from the outbox. Implementations must not log the recipient or
 * the body: both can carry personal data and secrets (invitation codes).
 */
public interface NotificationSender {

    void send(Notification notification);
}
