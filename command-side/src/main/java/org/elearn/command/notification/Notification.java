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

    /**
     * This message as marketing mail: the RFC 8058 one-click headers, and the same link at the end of
     * the text for a reader whose mail client shows no unsubscribe button (opening it shows a page
     * that asks before it unsubscribes).
     */
    Notification withUnsubscribeLink(String url) {
        String text = body.endsWith("\n") ? body : body + "\n";
        return new Notification(notificationId, subjectId, recipient, subject,
                text + "\n--\nYou receive this because you agreed to marketing email. To stop it, open:\n" + url + "\n",
                Map.of("List-Unsubscribe", "<" + url + ">", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
    }
}
