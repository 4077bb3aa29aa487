package org.elearn.events.processing;

import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * A user objected to analytics based on legitimate interest: their usage data is left out of
 * aggregate figures and dashboards; their own learning record stays.
 *
 * @param subjectId the user
 * @param organizationId their organization, if any
 * @param requestedBy who recorded the objection
 */
public record ObjectedToAnalytics(@DataSubjectId UUID subjectId, UUID organizationId, UUID requestedBy) {

    /** Checks that the user and the actor are named. */
    public ObjectedToAnalytics {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
