package org.elearn.command.consent;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.elearn.events.consent.ConsentChannel;

/**
 * The cookie banner's answer, yes or no per purpose. Unlike {@link DecideConsent}, a no to a purpose
 * never consented to is a valid answer: it is recorded as declined, so the banner is not shown again.
 */
record RecordCookieChoice(@TargetAggregateIdentifier UUID ledgerId, UUID userId, Map<String, Boolean> choices,
                          String policyVersion, Instant decidedAt) implements ConsentCommand {

    @Override
    public ConsentChannel channel() {
        return ConsentChannel.COOKIE_BANNER;
    }
}
