package org.elearn.events.membership;

import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * An administrator deactivated a member: they keep their record but take no part until reactivated.
 *
 * @param memberId the member
 * @param organizationId their organization
 */
public record MemberDeactivated(@DataSubjectId UUID memberId, UUID organizationId) {

    /** Checks that both ids are present. */
    public MemberDeactivated {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(organizationId, "organizationId");
    }
}
