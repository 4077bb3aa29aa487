package org.elearn.events.privacy;

import java.util.Objects;
import java.util.UUID;

/**
 * A user's personal data was erased: their data key destroyed, their credentials and lookups
 * deleted. Carries no personal data; projections delete or anonymise every row about the user.
 *
 * @param userId the erased data subject
 * @param organizationId the user's organization, if any (kept so its administrators can audit)
 */
public record UserErased(@DataSubjectId UUID userId, UUID organizationId) {

    /** Checks that the user id is present. */
    public UserErased {
        Objects.requireNonNull(userId, "userId");
    }
}
