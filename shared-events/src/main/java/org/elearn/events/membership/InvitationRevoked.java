package org.elearn.events.membership;

import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * An administrator revoked an invitation; its code no longer works.
 *
 * @param invitationId the invitation
 * @param inviteeId the invited person
 * @param organizationId the organization
 */
public record InvitationRevoked(UUID invitationId, @DataSubjectId UUID inviteeId, UUID organizationId) {

    /** Checks that every field is present. */
    public InvitationRevoked {
        Objects.requireNonNull(invitationId, "invitationId");
        Objects.requireNonNull(inviteeId, "inviteeId");
        Objects.requireNonNull(organizationId, "organizationId");
    }
}
