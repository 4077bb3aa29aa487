package org.elearn.command.invitation;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw an open invitation. */
record RevokeInvitation(@TargetAggregateIdentifier UUID invitationId) {
}
