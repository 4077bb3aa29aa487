package org.elearn.events.rights;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;

/**
 * A user cancelled their own account. It is deactivated and its tokens revoked at once; its
 * personal data is erased at {@code erasureDueAt} unless the user withdraws the cancellation first.
 *
 * @param requestId the rights request that tracks the cancellation
 * @param userId the user
 * @param organizationId their organization, or null for an account outside any organization
 * @param requestedAt when they cancelled
 * @param erasureDueAt when the cool-off ends and erasure runs
 */
public record AccountCancellationRequested(UUID requestId, @DataSubjectId UUID userId, UUID organizationId,
                                           Instant requestedAt, Instant erasureDueAt) {

    /** Checks that the ids and times are present and in order. */
    public AccountCancellationRequested {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(erasureDueAt, "erasureDueAt");
        if (erasureDueAt.isBefore(requestedAt)) {
            throw new IllegalArgumentException("erasure cannot be due before the request");
        }
    }
}
