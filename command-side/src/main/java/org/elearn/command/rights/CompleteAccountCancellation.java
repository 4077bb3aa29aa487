package org.elearn.command.rights;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close a cancellation whose cool-off has ended; the account is erased in the same transaction. */
record CompleteAccountCancellation(@TargetAggregateIdentifier UUID cancellationId, Instant completedAt) {
}
