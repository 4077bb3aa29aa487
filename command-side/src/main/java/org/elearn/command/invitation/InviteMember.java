package org.elearn.command.invitation;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.elearn.events.membership.InvitedRole;

/** Invite a person by email into an organization with a role. */
record InviteMember(@TargetAggregateIdentifier UUID invitationId, UUID inviteeId, UUID organizationId, String email,
                    InvitedRole role, Instant expiresAt) {
}
