package org.elearn.command.rights;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancel one's own account: deactivate it now, erase it at {@code erasureDueAt}. */
record RequestAccountCancellation(@TargetAggregateIdentifier UUID cancellationId, UUID requestId, UUID userId,
                                  UUID organizationId, Instant requestedAt, Instant erasureDueAt) {
}
