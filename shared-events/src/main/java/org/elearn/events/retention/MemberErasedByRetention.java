package org.elearn.events.retention;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * The retention job erased a member because their organization's policy said so. Recorded in the
 * erasure's own transaction, just before its {@code UserErased}.
 *
 * @param memberId the member
 * @param organizationId their organization
 * @param rule {@code AFTER_DEACTIVATION} or {@code AFTER_INACTIVITY}
 * @param periodDays the rule's period
 * @param policyVersion the version of the policy applied
 * @param dueSince when the period ran out
 */
public record MemberErasedByRetention(@DataSubjectId UUID memberId, UUID organizationId, String rule, int periodDays,
                                      int policyVersion, Instant dueSince) {

    /** Checks that every field is present. */
    public MemberErasedByRetention {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(dueSince, "dueSince");
    }
}
