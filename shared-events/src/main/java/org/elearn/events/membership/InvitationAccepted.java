package org.elearn.events.membership;

import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.events.privacy.PersonalData;

/**
 * The invited person accepted: they are now a member of the organization with the invited role.
 *
 * @param invitationId the invitation
 * @param inviteeId the person, now a member
 * @param organizationId the organization
 * @param name the name they gave
 * @param email the email they were invited at
 * @param role their role
 */
public record InvitationAccepted(UUID invitationId, @DataSubjectId UUID inviteeId, UUID organizationId,
                                 @PersonalData String name, @PersonalData String email, InvitedRole role) {

    /** Checks that every field is present. */
    public InvitationAccepted {
        Objects.requireNonNull(invitationId, "invitationId");
        Objects.requireNonNull(inviteeId, "inviteeId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
    }
}
