package org.elearn.events.membership;

import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.events.privacy.PersonalData;

/**
 * A re-import (or an administrator) changed a member's name, phone or department. The full new
 * values, so a projection needs no earlier state.
 *
 * @param memberId the member
 * @param organizationId their organization
 * @param name the name now
 * @param phone the phone now, optional
 * @param department the department now, optional
 */
public record MemberDetailsChanged(@DataSubjectId UUID memberId,
                                   UUID organizationId,
                                   @PersonalData String name,
                                   @PersonalData String phone,
                                   String department) {

    /** Checks identity, organization and name. */
    public MemberDetailsChanged {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
    }
}
