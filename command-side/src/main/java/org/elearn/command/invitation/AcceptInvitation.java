package org.elearn.command.invitation;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The invited person accepts, giving their name; answers the accepted invitation. */
record AcceptInvitation(@TargetAggregateIdentifier UUID invitationId, String name, Instant now) {
}
