package org.elearn.events.rights;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * The user withdrew their cancellation during the cool-off: the account is active again and nothing is erased.
 *
 * @param requestId the rights request that tracks the cancellation
 * @param userId the user
 * @param organizationId their organization, or null
 * @param withdrawnAt when it happened
 */
public record AccountCancellationWithdrawn(UUID requestId, @DataSubjectId UUID userId, UUID organizationId,
                                       Instant withdrawnAt) {

    /** Checks that the ids and the time are present. */
    public AccountCancellationWithdrawn {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(withdrawnAt, "withdrawnAt");
    }
}
