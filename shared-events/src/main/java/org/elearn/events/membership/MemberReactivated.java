package org.elearn.events.membership;

import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * An administrator reactivated a deactivated member.
 *
 * @param memberId the member
 * @param organizationId their organization
 */
public record MemberReactivated(@DataSubjectId UUID memberId, UUID organizationId) {

    /** Checks that both ids are present. */
    public MemberReactivated {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(organizationId, "organizationId");
    }
}
