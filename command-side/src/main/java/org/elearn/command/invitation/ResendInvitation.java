package org.elearn.command.invitation;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Send an open invitation again with a new code and expiry. */
record ResendInvitation(@TargetAggregateIdentifier UUID invitationId, Instant expiresAt) {
}
