package org.elearn.command.notification;

import java.util.Map;
import java.util.UUID;

/**
 * A message for one data subject: where it goes, what it says, and any extra mail headers (such as
 * {@code List-Unsubscribe} on marketing mail).
 */
public record Notification(UUID notificationId, String subjectId, String recipient, String subject, String body,
                           Map<String, String> headers) {

    public Notification {
        headers = Map.copyOf(headers);
    }

    Notification withHeaders(Map<String, String> extra) {
        return new Notification(notificationId, subjectId, recipient, subject, body, extra);
    }
}
