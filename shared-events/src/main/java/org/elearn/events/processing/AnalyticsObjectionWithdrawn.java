package org.elearn.events.processing;

import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * A user withdrew their objection to analytics: they count in the aggregates again.
 *
 * @param subjectId the user
 * @param organizationId their organization, if any
 * @param withdrawnBy who withdrew it
 */
public record AnalyticsObjectionWithdrawn(@DataSubjectId UUID subjectId, UUID organizationId, UUID withdrawnBy) {

    /** Checks that the user and the actor are named. */
    public AnalyticsObjectionWithdrawn {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(withdrawnBy, "withdrawnBy");
    }
}
