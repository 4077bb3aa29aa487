package org.elearn.events.organization;

import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.events.privacy.PersonalData;

/**
 * An operator rejected an administrator's request.
 *
 * @param administratorId the rejected person
 * @param organizationId the organization they asked for
 * @param rejectedBy the operator's user id
 * @param reason the operator's reason, about the person: personal data
 */
public record AdministratorRejected(@DataSubjectId UUID administratorId, UUID organizationId, UUID rejectedBy,
                                    @PersonalData String reason) {

    /** Checks the identities. */
    public AdministratorRejected {
        Objects.requireNonNull(administratorId, "administratorId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(rejectedBy, "rejectedBy");
    }
}
