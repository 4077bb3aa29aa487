package org.elearn.events.rights;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * The cool-off of a cancellation ended and the account was erased (the erasure itself is recorded as {@link org.elearn.events.privacy.UserErased}).
 *
 * @param requestId the rights request that tracks the cancellation
 * @param userId the user
 * @param organizationId their organization, or null
 * @param completedAt when it happened
 */
public record AccountCancellationCompleted(UUID requestId, @DataSubjectId UUID userId, UUID organizationId,
                                       Instant completedAt) {

    /** Checks that the ids and the time are present. */
    public AccountCancellationCompleted {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(completedAt, "completedAt");
    }
}
