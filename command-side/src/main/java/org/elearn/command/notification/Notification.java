package org.elearn.command.notification;

import java.util.UUID;

/** A message for one data subject: where it goes and what it says. */
public record Notification(UUID notificationId, String subjectId, String recipient, String subject, String body) {
}
