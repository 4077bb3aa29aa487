package org.elearn.events.processing;

import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * A user's processing was restricted: their data is kept but not processed. New activity is
 * refused and they leave every named report, stream and export until the restriction is lifted.
 *
 * @param subjectId the user
 * @param organizationId their organization, if any
 * @param requestedBy who asked (the user, their administrator or an operator)
 */
public record ProcessingRestricted(@DataSubjectId UUID subjectId, UUID organizationId, UUID requestedBy) {

    /** Checks that the user and the actor are named. */
    public ProcessingRestricted {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
