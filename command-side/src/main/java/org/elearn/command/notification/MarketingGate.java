package org.elearn.command.notification;

import java.util.Optional;

/**
 * Decides, at sending time, whether a marketing message may leave the outbox: only with the
 * recipient's current consent. A consent withdrawn after the message was queued still stops it.
 */
public interface MarketingGate {

    /**
     * @param subjectId the recipient's user id
     * @return the one-click unsubscribe address the message must carry, or empty to drop it
     */
    Optional<String> admit(String subjectId);
}
