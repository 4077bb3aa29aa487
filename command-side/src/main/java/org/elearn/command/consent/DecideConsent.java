package org.elearn.command.consent;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.elearn.events.consent.ConsentChannel;

/** Give or withdraw consent to one purpose. Withdrawing needs a consent given before. */
record DecideConsent(@TargetAggregateIdentifier UUID ledgerId, UUID userId, String purpose, boolean granted,
                     String policyVersion, ConsentChannel channel, Instant decidedAt) implements ConsentCommand {
}
