package org.elearn.events.membership;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.events.privacy.PersonalData;

/**
 * An administrator invited a person, by email, to join the organization with a role. The
 * single-use code is not here: only its hash is stored, outside the event store.
 *
 * @param invitationId the invitation
 * @param inviteeId the user id the person will have (an imported member's id if they are one)
 * @param organizationId the organization
 * @param email where the code goes
 * @param role the role accepting gives
 * @param expiresAt when the code stops working
 */
public record MemberInvited(UUID invitationId, @DataSubjectId UUID inviteeId, UUID organizationId,
                            @PersonalData String email, InvitedRole role, Instant expiresAt) {

    /** Checks that every field is present. */
    public MemberInvited {
        Objects.requireNonNull(invitationId, "invitationId");
        Objects.requireNonNull(inviteeId, "inviteeId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
