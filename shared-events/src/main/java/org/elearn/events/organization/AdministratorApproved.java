package org.elearn.events.organization;

import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * An operator approved an administrator, who may now act for the organization.
 *
 * @param administratorId the approved administrator
 * @param organizationId their organization
 * @param approvedBy the operator's user id
 */
public record AdministratorApproved(@DataSubjectId UUID administratorId, UUID organizationId, UUID approvedBy) {

    /** Checks that every field is present. */
    public AdministratorApproved {
        Objects.requireNonNull(administratorId, "administratorId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(approvedBy, "approvedBy");
    }
}
