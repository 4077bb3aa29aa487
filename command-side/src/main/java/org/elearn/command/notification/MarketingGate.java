package org.elearn.command.notification;

import java.util.Map;
import java.util.Optional;

/**
 * Decides, at sending time, whether a marketing message may leave the outbox: only with the
 * recipient's current consent. A consent withdrawn after the message was queued still stops it.
 */
public interface MarketingGate {

    /**
     * @param subjectId the recipient's user id
     * @return the headers the message must carry (the one-click unsubscribe link), or empty to drop it
     */
    Optional<Map<String, String>> admit(String subjectId);
}
