package org.elearn.events.retention;

import java.util.Objects;
import java.util.UUID;

/**
 * An administrator set (or replaced) their organization's retention policy. A rule left null
 * does not apply.
 *
 * @param organizationId the organization
 * @param afterDeactivationDays erase members this many days after their deactivation
 * @param afterInactivityDays erase members after this many days without activity (counted from
 *                            their last statement, or from when they joined)
 * @param version the policy's version in this organization, from 1
 * @param setBy the administrator
 */
public record RetentionPolicySet(UUID organizationId, Integer afterDeactivationDays, Integer afterInactivityDays,
                                 int version, UUID setBy) {

    /** Checks that the organization and the administrator are named. */
    public RetentionPolicySet {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(setBy, "setBy");
    }
}
