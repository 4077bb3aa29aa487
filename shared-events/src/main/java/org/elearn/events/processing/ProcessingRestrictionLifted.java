package org.elearn.events.processing;

import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * The restriction of a user's processing was lifted: they are processed again.
 *
 * @param subjectId the user
 * @param organizationId their organization, if any
 * @param liftedBy who lifted it
 */
public record ProcessingRestrictionLifted(@DataSubjectId UUID subjectId, UUID organizationId, UUID liftedBy) {

    /** Checks that the user and the actor are named. */
    public ProcessingRestrictionLifted {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(liftedBy, "liftedBy");
    }
}
