package org.elearn.events.membership;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * An administrator sent an invitation again, with a new code and a new expiry; the old code no
 * longer works.
 *
 * @param invitationId the invitation
 * @param inviteeId the invited person
 * @param organizationId the organization
 * @param expiresAt when the new code stops working
 */
public record InvitationResent(UUID invitationId, @DataSubjectId UUID inviteeId, UUID organizationId,
                               Instant expiresAt) {

    /** Checks that every field is present. */
    public InvitationResent {
        Objects.requireNonNull(invitationId, "invitationId");
        Objects.requireNonNull(inviteeId, "inviteeId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
